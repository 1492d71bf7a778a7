using System.Globalization;

namespace SyscallBench.Core.Datasets.LidDs;

/// <summary>
/// What a `lid-ds` path holds, told by its layout: a LID-DS 2021 scenario (training/, validation/, test/*/ of recording
/// zips or unzipped recordings), a LID-DS 2019 scenario (runs.csv and one NAME.txt per run), or a single 2021 recording
/// (NAME.zip, or a folder holding NAME.sc and NAME.json).
/// </summary>
/// <param name="Version">"2019" or "2021".</param>
/// <param name="Scenario">The scenario's name: its folder's name (the attack family), or the single recording's name.</param>
/// <param name="IsSingleRecording">The path is one recording rather than a scenario.</param>
/// <param name="Recordings">Every recording, in a stable order (split, then name; 2019: runs.csv order).</param>
/// <param name="Storage">"zips", "unzipped" or "text files", for the dataset's notes.</param>
internal sealed record LidDsLayout(string Version, string Scenario, bool IsSingleRecording, IReadOnlyList<LidDsRecordingSource> Recordings, string Storage)
{
    private static readonly (string Folder, LidDsSplit Split)[] Splits2021 =
        [("training", LidDsSplit.Training), ("validation", LidDsSplit.Validation), ("test", LidDsSplit.Test)];

    /// <exception cref="DatasetException">The path does not exist or is none of the layouts, or disagrees with an explicit version.</exception>
    public static LidDsLayout Find(string path, LidDsOptions options)
    {
        var layout = Directory.Exists(path) ? InFolder(path, options)
            : File.Exists(path) && path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
                ? new LidDsLayout("2021", Path.GetFileNameWithoutExtension(path), true, [new LidDsRecordingSource.Zipped(path, LidDsSplit.Test)], "zips")
                : throw new DatasetException(File.Exists(path)
                    ? $"{path}: not a LID-DS recording (a 2021 recording is a .zip, or a folder with NAME.sc and NAME.json)."
                    : $"{path}: no such LID-DS scenario folder or recording.");
        if (options.Version != LidDsOptions.AutoVersion && options.Version != layout.Version)
        {
            throw new DatasetException($"{path}: version: {options.Version} was given, but the layout is LID-DS {layout.Version} "
                + (layout.Version == "2019" ? "(it has runs.csv)" : "(no runs.csv; recordings with .sc and .json)") + "; set version: auto or fix the path.");
        }

        return layout;
    }

    private static LidDsLayout InFolder(string folder, LidDsOptions options)
    {
        var name = new DirectoryInfo(folder).Name;
        var runs = Path.Combine(folder, "runs.csv");
        if (File.Exists(runs))
        {
            return new LidDsLayout("2019", name, false, Runs2019(folder, runs, options), "text files");
        }

        var splitFolders = Splits2021.Where(s => Directory.Exists(Path.Combine(folder, s.Folder))).ToArray();
        if (splitFolders.Length > 0)
        {
            var recordings = new List<LidDsRecordingSource>();
            foreach (var (splitFolder, split) in splitFolders)
            {
                var root = Path.Combine(folder, splitFolder);
                // test/ holds normal/ and normal_and_attack/; LID-DS's own loader takes every test/*/ folder.
                var places = split == LidDsSplit.Test
                    ? Directory.GetDirectories(root).Order(StringComparer.Ordinal).ToArray()
                    : [root];
                foreach (var place in places)
                {
                    recordings.AddRange(RecordingsIn(place, split).OrderBy(r => r.Name, StringComparer.Ordinal));
                }
            }

            if (recordings.Count == 0)
            {
                throw new DatasetException($"{folder}: a LID-DS 2021 scenario folder, but its {string.Join(", ", splitFolders.Select(s => s.Folder + "/"))} "
                    + "hold no recordings (NAME.zip, or NAME.sc with NAME.json; test/ recordings sit in test/normal/ and test/normal_and_attack/).");
            }

            var zipped = recordings.Count(r => r is LidDsRecordingSource.Zipped);
            var storage = zipped == recordings.Count ? "zips" : zipped == 0 ? "unzipped" : "zips and unzipped";
            return new LidDsLayout("2021", name, false, recordings, storage);
        }

        var single = RecordingsIn(folder, LidDsSplit.Test).ToArray();
        if (single.Length == 1 && single[0] is LidDsRecordingSource.Unzipped)
        {
            return new LidDsLayout("2021", single[0].Name, true, single, "unzipped");
        }

        throw new DatasetException($"{folder}: not a LID-DS scenario or recording: expected runs.csv (2019), training/, validation/ "
            + "and test/ folders (2021 scenario), or NAME.sc with NAME.json (one 2021 recording).");
    }

    /// <summary>
    /// The 2021 recordings in one folder: NAME.zip files, NAME/ folders holding NAME.sc and NAME.json, and NAME.sc files
    /// beside NAME.json (zips unzipped in place). An .sc without its .json is an error.
    /// </summary>
    private static IEnumerable<LidDsRecordingSource> RecordingsIn(string folder, LidDsSplit split)
    {
        foreach (var zip in Directory.GetFiles(folder, "*.zip").Order(StringComparer.Ordinal))
        {
            yield return new LidDsRecordingSource.Zipped(zip, split);
        }

        foreach (var events in Directory.GetFiles(folder, "*.sc").Order(StringComparer.Ordinal))
        {
            yield return Unzipped(events, split);
        }

        foreach (var sub in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var events = Path.Combine(sub, Path.GetFileName(sub) + ".sc");
            if (File.Exists(events))
            {
                yield return Unzipped(events, split);
            }
        }
    }

    private static LidDsRecordingSource Unzipped(string events, LidDsSplit split)
    {
        var metadata = Path.ChangeExtension(events, ".json");
        return File.Exists(metadata)
            ? new LidDsRecordingSource.Unzipped(Path.GetFileNameWithoutExtension(events), events, metadata, split)
            : throw new DatasetException($"{events}: the recording has no metadata file {Path.GetFileName(metadata)} beside it.");
    }

    /// <summary>
    /// runs.csv: image_name, scenario_name, is_executing_exploit, warmup_time, recording_time, exploit_start_time (seconds
    /// after the recording started; -1 for normal runs); each run's events in SCENARIO_NAME.txt beside it. Splits as
    /// LID-DS's own DataLoader2019: the first <see cref="LidDsOptions.TrainRuns"/> normal runs in file order train, the
    /// next <see cref="LidDsOptions.ValidationRuns"/> validate, the other normal runs and every exploit run test.
    /// </summary>
    private static IReadOnlyList<LidDsRecordingSource> Runs2019(string folder, string runsFile, LidDsOptions options)
    {
        var lines = File.ReadAllLines(runsFile);
        var header = Array.FindIndex(lines, l => l.Trim().Length > 0);
        string[] expected = ["image_name", "scenario_name", "is_executing_exploit", "warmup_time", "recording_time", "exploit_start_time"];
        if (header < 0 || !lines[header].Split(',').Select(f => f.Trim().ToLowerInvariant()).SequenceEqual(expected))
        {
            throw new DatasetException($"{runsFile}:{header + 1}: expected the header '{string.Join(", ", expected)}'.");
        }

        var recordings = new List<LidDsRecordingSource>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var normals = 0;
        for (var i = header + 1; i < lines.Length; i++)
        {
            var where = $"{runsFile}:{(i + 1).ToString(CultureInfo.InvariantCulture)}";
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var fields = lines[i].Split(',').Select(f => f.Trim()).ToArray();
            if (fields.Length != expected.Length)
            {
                throw new DatasetException($"{where}: expected {expected.Length} fields ({string.Join(", ", expected)}), got {fields.Length}.");
            }

            var isAttack = fields[2].ToLowerInvariant() switch
            {
                "true" or "1" or "yes" => true,
                "false" or "0" or "no" => false,
                _ => throw new DatasetException($"{where}: is_executing_exploit must be True or False, got '{fields[2]}'."),
            };
            if (!double.TryParse(fields[5], NumberStyles.Float, CultureInfo.InvariantCulture, out var exploitStart))
            {
                throw new DatasetException($"{where}: exploit_start_time must be a number of seconds (-1 for a normal run), got '{fields[5]}'.");
            }

            if (isAttack && exploitStart < 0)
            {
                throw new DatasetException($"{where}: an exploit run with exploit_start_time {fields[5]}: without a start the attack cannot be placed in time.");
            }

            var name = fields[1].EndsWith(".txt", StringComparison.OrdinalIgnoreCase) ? fields[1][..^4] : fields[1];
            if (name.Length == 0 || name.Contains('/') || name.Contains('\\') || name == "..")
            {
                throw new DatasetException($"{where}: scenario_name '{fields[1]}' must name a file beside runs.csv.");
            }

            if (!seen.Add(name))
            {
                throw new DatasetException($"{where}: run '{name}' is listed twice.");
            }

            var text = Path.Combine(folder, name + ".txt");
            if (!File.Exists(text))
            {
                throw new DatasetException($"{where}: the run's events file {text} does not exist.");
            }

            var metadata = new LidDsMetadata(isAttack, null, fields[0], null, isAttack ? exploitStart : null);
            var split = isAttack ? LidDsSplit.Test
                : normals < options.TrainRuns ? LidDsSplit.Training
                : normals < options.TrainRuns + options.ValidationRuns ? LidDsSplit.Validation
                : LidDsSplit.Test;
            normals += isAttack ? 0 : 1;
            recordings.Add(new LidDsRecordingSource.Run2019(name, text, metadata, split));
        }

        if (recordings.Count == 0)
        {
            throw new DatasetException($"{runsFile}: lists no runs.");
        }

        return recordings;
    }
}
