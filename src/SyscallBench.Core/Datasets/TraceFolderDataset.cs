using System.ComponentModel;
using System.Globalization;
using SyscallBench.Core.Config;
using SyscallBench.Core.Traces;
using SyscallBench.Core.Traces.Strace;

namespace SyscallBench.Core.Datasets;

/// <summary>Options of the `trace-folder` dataset type.</summary>
public sealed class TraceFolderOptions : IOptions
{
    [Description("Folder holding the labels file and the trace files, relative to the experiment file.")]
    [PathOption]
    public string Path { get; init; } = "";

    [Description("The labels file inside the folder: CSV with columns file, split (train|test), label (normal|attack), family "
        + "(an attack's family, or the kind of normal work of a normal trace; optional).")]
    public string Labels { get; init; } = "labels.csv";

    [Description("What the trace files hold: numbers (ADFA-LD style), names ('open read close'), strace (strace -o output), "
        + "or auto: decided per file from its first non-blank line. Files may be gzip-compressed.")]
    public TraceFileFormat Format { get; init; } = TraceFileFormat.Auto;

    [Description("For strace files: one trace per file (all processes, in file order) or one per process (pid); "
        + "a process's trace takes its file's row in labels.csv and the id 'file#pid1234'. Numbers and names files are always one trace.")]
    public StraceGrouping SplitBy { get; init; } = StraceGrouping.File;

    [Description("Read each file as a recording, the decision unit, whose streams are what detectors see: process (strace files: one stream "
        + "per pid; under strace -f every thread has its own) or recording (one stream, all calls interleaved). Files keep their calls' times "
        + "(strace -tt/-ttt/-r), and attack files may give an attack_start in labels.csv, for the time-aware evaluation. Unset: plain traces, "
        + "one per file (or per process with split_by: process).")]
    public RecordingStreams? Streams { get; init; }

    [Description("The syscall numbering of the folder: x86-64 or x86-32. Names (strace, names files) become numbers by this table, "
        + "numbers files must already use it, and reports name the calls by it.")]
    public string Architecture { get; init; } = SyscallNames.X86_64.Architecture;

    [Description("Fail on the first malformed strace line instead of skipping it (skipped lines are counted in the run's dataset notes).")]
    public bool Strict { get; init; }

    public IEnumerable<OptionError> Validate()
    {
        if (SyscallNames.ForArchitecture(Architecture) is null)
        {
            yield return new OptionError(nameof(Architecture),
                $"must be one of {string.Join(", ", SyscallNames.All.Select(t => t.Architecture))}, got '{Architecture}'");
        }

        if (string.IsNullOrWhiteSpace(Path))
        {
            yield return new OptionError(nameof(Path), "is required: the folder with labels.csv and the trace files");
        }

        if (Streams == RecordingStreams.Thread)
        {
            yield return new OptionError(nameof(Streams), "strace's pid column is each thread's own id under -f, so streams: process already gives one stream per thread");
        }

        if (Streams is not null && SplitBy == StraceGrouping.Process)
        {
            yield return new OptionError(nameof(Streams), "split_by: process makes every process its own trace; streams keeps the file as the decision unit: give one of them");
        }

        if (string.IsNullOrWhiteSpace(Labels))
        {
            yield return new OptionError(nameof(Labels), "must name the labels file, e.g. labels.csv");
        }
    }
}

/// <summary>
/// Traces in a folder, one file per trace (syscall numbers as in ADFA-LD, syscall names, or strace output, plain or
/// gzip-compressed), split and labelled by a CSV file: <c>file,split,label,family</c>. The way to bring your own recordings.
/// </summary>
/// <remarks>
/// Attack traces may only be in the test split: detectors are fitted on normal behaviour only. Trace ids
/// are the file paths as written in the labels file ('/'-separated), so they are stable across machines; with
/// split_by: process a strace file gives one trace per process, with id "file#pid1234" ("file#pid1234.2" for
/// a pid reused after its first process ended) and its file's split, label and family. With streams: process a strace
/// file stays one trace, the decision unit, whose per-pid streams detectors fit on and score (the recording's score is its
/// worst window); its calls keep their times, and an attack file's attack_start (labels.csv) puts it on the time-aware
/// evaluation. Malformed strace lines are skipped and counted in a WARNING note (strict: fail instead).
/// </remarks>
public static class TraceFolderDataset
{
    public const string TypeName = "trace-folder";

    private static readonly string[] RequiredColumns = ["file", "split", "label"];
    private static readonly string[] KnownColumns = ["file", "split", "label", "family", "attack_start"];

    /// <summary>The columns as error messages name them.</summary>
    private const string ColumnsText = "file,split,label,family and, for recordings (streams), attack_start";

    public static DatasetDescriptor Descriptor { get; } = DatasetDescriptor.Create<TraceFolderOptions>(
        TypeName,
        "Your own traces: strace logs or files of syscall names or numbers, and a labels.csv (file, split, label, family)",
        Load);

    public static LabeledDataset Load(TraceFolderOptions options, DatasetContext context)
    {
        var folder = context.Resolve(options.Path);
        if (!Directory.Exists(folder))
        {
            throw new DatasetException($"trace folder '{options.Path}' resolves to '{folder}', which does not exist.");
        }

        var labelsFile = System.IO.Path.Combine(folder, options.Labels);
        if (!File.Exists(labelsFile))
        {
            throw new DatasetException(
                $"{labelsFile}: labels file not found; a trace folder needs one (columns: file,split,label,family; see datasets/README.md).");
        }

        context.Status?.Report($"reading trace folder {folder}");
        var rows = ReadLabels(labelsFile);
        if (options.Streams is null && rows.FirstOrDefault(r => r.AttackStart is not null) is { } timed)
        {
            throw new DatasetException($"{labelsFile}:{timed.Line}: attack_start is only used with streams (recording or process): "
                + "plain traces keep no times.");
        }

        var reader = new TraceFolderFileReader(options);
        var train = new List<Trace>();
        var test = new List<Trace>();
        foreach (var row in rows)
        {
            var file = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, row.File));
            if (!File.Exists(file))
            {
                throw new DatasetException($"{labelsFile}:{row.Line}: trace file '{row.File}' not found (looked for {file}).");
            }

            foreach (var (id, calls, timeline) in reader.Read(file, row.File, row.AttackStart))
            {
                var trace = row.Label == TraceLabel.Attack
                    ? Trace.Attack(id, calls, row.Family!, file)
                    : Trace.Normal(id, calls, file, row.Family);
                (row.IsTrain ? train : test).Add(trace with { Timeline = timeline });
            }
        }

        if (train.Count == 0 || test.Count == 0)
        {
            throw new DatasetException(
                $"{labelsFile}: needs at least one train and one test trace; has {train.Count} train and {test.Count} test rows.");
        }

        train.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        test.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        var notes = new List<string>
        {
            $"read folder {folder} with labels {options.Labels} ({rows.Count.ToString(CultureInfo.InvariantCulture)} rows)",
            CountNote("train", train),
            CountNote("test normal", test.Where(t => !t.IsAttack).ToArray()),
            CountNote("test attack", test.Where(t => t.IsAttack).ToArray()),
        };
        notes.AddRange(test.Where(t => t.IsAttack).GroupBy(t => t.Family!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => CountNote($"family {g.Key}", g.ToArray())));
        notes.AddRange(test.Where(t => !t.IsAttack && t.Family is not null).GroupBy(t => t.Family!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => CountNote($"normal family {g.Key}", g.ToArray())));
        notes.AddRange(reader.Notes());
        var provenance = new DatasetProvenance(TypeName, folder, DatasetHash.Compute(train, test), notes, reader.Architecture);
        return new LabeledDataset(TypeName, train, test, provenance);
    }

    /// <summary>One row of labels.csv: its line number, the trace file (relative to the folder, normalized), and its labels.</summary>
    public sealed record LabelRow(int Line, string File, bool IsTrain, TraceLabel Label, string? Family, double? AttackStart);

    /// <summary>The rows of a labels.csv, checked as the dataset checks them (the messages name the file and line).</summary>
    /// <remarks>Also read by `score --calibrate LABELS.csv`, which takes its normal rows: one reading of labels.csv.</remarks>
    public static IReadOnlyList<LabelRow> ReadLabels(string labelsFile)
    {
        var lines = File.ReadAllLines(labelsFile);
        var headerIndex = Array.FindIndex(lines, l => !IsBlankOrComment(l));
        if (headerIndex < 0)
        {
            throw new DatasetException($"{labelsFile}: empty labels file; expected a header line 'file,split,label,family'.");
        }

        var header = SplitCsv(lines[headerIndex], labelsFile, headerIndex + 1).Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (header.FirstOrDefault(h => !KnownColumns.Contains(h)) is { } unknown)
        {
            throw new DatasetException($"{labelsFile}:{headerIndex + 1}: unknown column '{unknown}'; columns are {ColumnsText}.");
        }

        if (RequiredColumns.FirstOrDefault(c => !header.Contains(c)) is { } missing)
        {
            throw new DatasetException($"{labelsFile}:{headerIndex + 1}: missing column '{missing}' in the header; expected {ColumnsText}.");
        }

        int Column(string name) => Array.IndexOf(header, name);
        var rows = new List<LabelRow>();
        var firstLineOfFile = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = headerIndex + 1; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            if (IsBlankOrComment(lines[i]))
            {
                continue;
            }

            var fields = SplitCsv(lines[i], labelsFile, lineNumber).Select(f => f.Trim()).ToArray();
            if (fields.Length != header.Length)
            {
                throw new DatasetException($"{labelsFile}:{lineNumber}: expected {header.Length} fields ({string.Join(",", header)}), got {fields.Length}.");
            }

            string Field(string name) => Column(name) is var c and >= 0 ? fields[c] : "";
            var written = Field("file").Replace('\\', '/');
            if (written.Length == 0 || written.Any(char.IsControl) || System.IO.Path.IsPathRooted(written) || written.Split('/').Contains(".."))
            {
                throw new DatasetException($"{labelsFile}:{lineNumber}: file '{written}' must be a relative path inside the trace folder.");
            }

            // './normal/a.strace' and 'normal//a.strace' name the file 'normal/a.strace' names: compared as
            // written, one file was loaded twice (once train, once test) under two ids.
            var file = string.Join('/', written.Split('/').Where(part => part is not ("" or ".")));
            if (file.Length == 0)
            {
                throw new DatasetException($"{labelsFile}:{lineNumber}: file '{written}' names the folder itself, not a trace file.");
            }

            if (!firstLineOfFile.TryAdd(file, lineNumber))
            {
                throw new DatasetException($"{labelsFile}:{lineNumber}: file '{written}' is listed twice (first on line {firstLineOfFile[file]}, as the same path '{file}').");
            }

            var split = Field("split").ToLowerInvariant();
            if (split is not ("train" or "test"))
            {
                throw new DatasetException($"{labelsFile}:{lineNumber}: split must be 'train' or 'test', got '{Field("split")}'.");
            }

            var label = Field("label").ToLowerInvariant() switch
            {
                "normal" => TraceLabel.Normal,
                "attack" => TraceLabel.Attack,
                _ => throw new DatasetException($"{labelsFile}:{lineNumber}: label must be 'normal' or 'attack', got '{Field("label")}'."),
            };
            var family = Field("family");
            if (label == TraceLabel.Attack && split == "train")
            {
                throw new DatasetException(
                    $"{labelsFile}:{lineNumber}: attack trace '{file}' is in the train split; detectors are fitted on normal traces only, so attacks belong to test.");
            }

            // A normal trace's family names the kind of normal work (e.g. 'backup', 'build'), so the report
            // can show which normal workloads a detector mistakes for attacks; it is optional.
            double? attackStart = null;
            if (Field("attack_start") is { Length: > 0 } start)
            {
                if (label != TraceLabel.Attack)
                {
                    throw new DatasetException($"{labelsFile}:{lineNumber}: normal trace '{file}' has an attack_start; only attack traces have one.");
                }

                attackStart = double.TryParse(start, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds)
                    ? seconds
                    : throw new DatasetException($"{labelsFile}:{lineNumber}: attack_start must be a time in seconds on the trace's clock, got '{start}'.");
            }

            rows.Add(new LabelRow(lineNumber, file, split == "train", label,
                label == TraceLabel.Attack ? (family.Length > 0 ? family : "unspecified") : (family.Length > 0 ? family : null), attackStart));
        }

        return rows;
    }

    private static bool IsBlankOrComment(string line) => line.Trim() is "" || line.TrimStart().StartsWith('#');

    /// <summary>Splits one CSV line; fields may be double-quoted (with "" for a quote inside).</summary>
    private static List<string> SplitCsv(string line, string file, int lineNumber)
    {
        var fields = new List<string>();
        var i = 0;
        while (true)
        {
            var field = new System.Text.StringBuilder();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new DatasetException($"{file}:{lineNumber}: unterminated quoted field.");
                    }

                    if (line[i] == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (line[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(line[i++]);
                    }
                }

                if (i < line.Length && line[i] != ',')
                {
                    throw new DatasetException($"{file}:{lineNumber}: unexpected text after a quoted field at column {i + 1}.");
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    field.Append(line[i++]);
                }
            }

            fields.Add(field.ToString());
            if (i >= line.Length)
            {
                return fields;
            }

            i++; // the comma
        }
    }

    private static string CountNote(string what, IReadOnlyCollection<Trace> traces) =>
        $"{what}: {traces.Count.ToString(CultureInfo.InvariantCulture)} traces, "
        + $"{traces.Sum(t => (long)t.Length).ToString(CultureInfo.InvariantCulture)} calls";
}
