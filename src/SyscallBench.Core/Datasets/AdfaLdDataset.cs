using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;
using SyscallBench.Core.Config;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Datasets;

/// <summary>Options of the `adfa-ld` dataset type.</summary>
public sealed class AdfaLdOptions : IOptions
{
    [Description("ADFA-LD.zip or the unzipped ADFA-LD folder, relative to the experiment file. When absent: "
        + "$SYSCALLBENCH_ADFA_LD, then datasets/ADFA-LD.zip, datasets/ADFA-LD/, ../shared/datasets/adfa-ld/ADFA-LD.zip.")]
    [PathOption]
    public string? Path { get; init; }

    [Description("Fail when the trace counts differ from the official 833 / 4,372 / 746 (60 attack folders) "
        + "instead of loading the subset with a warning.")]
    public bool StrictCounts { get; init; }

    public IEnumerable<OptionError> Validate()
    {
        if (Path is not null && string.IsNullOrWhiteSpace(Path))
        {
            yield return new OptionError(nameof(Path), "must not be empty; leave it out to use the default locations");
        }
    }
}

/// <summary>What the ADFA-LD loader found, beyond the dataset itself.</summary>
/// <param name="Dataset">The traces, split by the official protocol.</param>
/// <param name="Counts">Traces and calls per folder and family, as read.</param>
/// <param name="Warnings">Differences from the official release (empty when the counts match).</param>
public sealed record AdfaLdLoadResult(LabeledDataset Dataset, AdfaLdCounts Counts, IReadOnlyList<string> Warnings)
{
    /// <summary>True when the data has the official 833 / 4,372 / 746 traces and 60 attack folders.</summary>
    public bool MatchesOfficialCounts => Warnings.Count == 0;
}

/// <summary>Trace and call counts per ADFA-LD folder.</summary>
public sealed record AdfaLdCounts(
    int TrainingTraces,
    long TrainingCalls,
    int ValidationTraces,
    long ValidationCalls,
    int AttackTraces,
    long AttackCalls,
    int AttackFolders,
    IReadOnlyDictionary<string, int> AttackTracesByFamily,
    IReadOnlyDictionary<string, int> AttackFoldersByFamily);

/// <summary>
/// The ADFA Linux Dataset (Creech &amp; Hu, IEEE WCNC 2013) under its official protocol: train on
/// Training_Data_Master (833 normal traces), test on Validation_Data_Master (4,372 normal) plus
/// Attack_Data_Master (746 attack traces in 60 folders, 6 families).
/// </summary>
/// <remarks>
/// Reads ADFA-LD.zip directly or the unzipped folder (the one holding the three *_Data_Master folders,
/// or its parent). Trace ids are paths inside the dataset ("Attack_Data_Master/Adduser_1/UAD-Adduser-1-2783.txt"),
/// so zip and folder give identical traces and content hashes. The family of an attack trace is its
/// folder name without the trailing "_N".
/// </remarks>
public static partial class AdfaLdDataset
{
    public const string TypeName = "adfa-ld";
    public const string TrainingFolder = "Training_Data_Master";
    public const string ValidationFolder = "Validation_Data_Master";
    public const string AttackFolder = "Attack_Data_Master";
    public const int OfficialTrainingTraces = 833;
    public const int OfficialValidationTraces = 4372;
    public const int OfficialAttackTraces = 746;
    public const int OfficialAttackFolders = 60;

    private static readonly string[] MasterFolders = [TrainingFolder, ValidationFolder, AttackFolder];

    public static DatasetDescriptor Descriptor { get; } = DatasetDescriptor.Create<AdfaLdOptions>(
        TypeName,
        "ADFA-LD (Creech & Hu 2013), official split: train 833 normal; test 4,372 normal + 746 attacks in 6 families",
        (options, context) => Load(options, context).Dataset);

    public static AdfaLdLoadResult Load(AdfaLdOptions options, DatasetContext context) =>
        LoadFrom(AdfaLdLocator.Locate(options.Path, context), options.StrictCounts, context.Status);

    /// <summary>Loads from a known location (a zip file or a folder).</summary>
    public static AdfaLdLoadResult LoadFrom(AdfaLdLocation location, bool strictCounts = false, IProgress<string>? status = null)
    {
        if (!File.Exists(location.Path) && !Directory.Exists(location.Path))
        {
            throw new DatasetException($"{location.Path}: ADFA-LD not found (no such file or folder; given by {location.FoundVia}).");
        }

        status?.Report($"reading ADFA-LD from {location.Path}");
        using var files = Directory.Exists(location.Path)
            ? DatasetFiles.OpenFolder(FindRootFolder(location.Path))
            : DatasetFiles.OpenZip(location.Path);
        var root = FindRootPrefix(files);
        var layout = Classify(files, root);

        var train = new List<Trace>(layout.Training.Count);
        var test = new List<Trace>(layout.Validation.Count + layout.Attack.Count);
        long trainCalls = 0, validationCalls = 0, attackCalls = 0;
        foreach (var (path, id) in layout.Training)
        {
            var trace = Trace.Normal(id, TraceFileParser.Parse(files.Read(path), files.Describe(path)), files.Describe(path));
            trainCalls += trace.Length;
            train.Add(trace);
        }

        foreach (var (path, id) in layout.Validation)
        {
            var trace = Trace.Normal(id, TraceFileParser.Parse(files.Read(path), files.Describe(path)), files.Describe(path));
            validationCalls += trace.Length;
            test.Add(trace);
        }

        foreach (var (path, id, family) in layout.Attack)
        {
            var trace = Trace.Attack(id, TraceFileParser.Parse(files.Read(path), files.Describe(path)), family, files.Describe(path));
            attackCalls += trace.Length;
            test.Add(trace);
        }

        // Validation ids sort before attack ids ("V" > "A" is false), so order the whole test split once.
        test.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));

        var counts = new AdfaLdCounts(
            train.Count, trainCalls,
            layout.Validation.Count, validationCalls,
            layout.Attack.Count, attackCalls,
            layout.AttackFolders.Count,
            layout.Attack.GroupBy(a => a.Family).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            layout.AttackFolders.GroupBy(FamilyOf).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
        var warnings = CompareWithOfficial(counts);
        if (strictCounts && warnings.Count > 0)
        {
            throw new DatasetException(
                $"{files.Location}: strict_counts is set and the data differs from the official ADFA-LD release: "
                + string.Join(" ", warnings));
        }

        var notes = Notes(files, location, root, counts, warnings, layout.SkippedFiles);
        var provenance = new DatasetProvenance(TypeName, files.Location, DatasetHash.Compute(train, test), notes, SyscallNames.X86_32.Architecture);
        return new AdfaLdLoadResult(new LabeledDataset(TypeName, train, test, provenance), counts, warnings);
    }

    private sealed record Layout(
        List<(string Path, string Id)> Training,
        List<(string Path, string Id)> Validation,
        List<(string Path, string Id, string Family)> Attack,
        HashSet<string> AttackFolders,
        List<string> SkippedFiles);

    /// <summary>A folder given by the user may be the one holding the *_Data_Master folders or its parent ADFA-LD/.</summary>
    private static string FindRootFolder(string folder)
    {
        if (MasterFolders.Any(m => Directory.Exists(Path.Combine(folder, m))))
        {
            return folder;
        }

        var nested = Path.Combine(folder, "ADFA-LD");
        if (MasterFolders.Any(m => Directory.Exists(Path.Combine(nested, m))))
        {
            return nested;
        }

        var found = Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).Take(20).ToArray();
        var zipHint = found.Contains("ADFA-LD.zip") ? $" To read the zip, point at {Path.Combine(folder, "ADFA-LD.zip")}." : "";
        throw new DatasetException(
            $"{folder}: not an ADFA-LD folder: expected {string.Join(", ", MasterFolders.Select(m => m + "/"))} in it or in its ADFA-LD/ "
            + $"subfolder; found {(found.Length == 0 ? "nothing (empty folder)" : string.Join(", ", found))}.{zipHint}");
    }

    /// <summary>The path prefix ("" or "ADFA-LD/") under which all three master folders sit.</summary>
    private static string FindRootPrefix(DatasetFiles files)
    {
        var foldersByRoot = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var path in files.Paths)
        {
            var segments = path.Split('/');
            var index = Array.FindIndex(segments, s => MasterFolders.Contains(s, StringComparer.Ordinal));
            if (index >= 0 && index < segments.Length - 1)
            {
                var root = string.Concat(segments.Take(index).Select(s => s + "/"));
                if (!foldersByRoot.TryGetValue(root, out var folders))
                {
                    foldersByRoot[root] = folders = new SortedSet<string>(StringComparer.Ordinal);
                }

                folders.Add(segments[index]);
            }
        }

        if (foldersByRoot.Count == 0)
        {
            var topLevel = files.Paths.Select(p => p.Split('/')[0] + (p.Contains('/') ? "/" : "")).Distinct()
                .Order(StringComparer.Ordinal).Take(20).ToArray();
            throw new DatasetException(
                $"{files.Location}: not ADFA-LD: none of {string.Join(", ", MasterFolders.Select(m => m + "/"))} found; "
                + $"top level holds {(topLevel.Length == 0 ? "nothing (empty)" : string.Join(", ", topLevel))}.");
        }

        // The shallowest root wins (ADFA-LD/ in the official zip); a copy nested deeper would be a user mistake.
        var (bestRoot, present) = foldersByRoot.OrderBy(pair => pair.Key.Count(c => c == '/')).ThenBy(pair => pair.Key, StringComparer.Ordinal).First();
        var missing = MasterFolders.Where(m => !present.Contains(m)).ToArray();
        if (missing.Length > 0)
        {
            var where = bestRoot.Length == 0 ? files.Location : $"{files.Location}!{bestRoot}";
            throw new DatasetException(
                $"{where}: missing {string.Join(", ", missing.Select(m => m + "/"))} (with trace files); "
                + $"found {string.Join(", ", present.Select(m => m + "/"))}.");
        }

        return bestRoot;
    }

    private static Layout Classify(DatasetFiles files, string root)
    {
        var layout = new Layout([], [], [], new HashSet<string>(StringComparer.Ordinal), []);
        foreach (var path in files.Paths.Order(StringComparer.Ordinal))
        {
            if (!path.StartsWith(root, StringComparison.Ordinal))
            {
                continue;
            }

            var id = path[root.Length..];
            var segments = id.Split('/');
            var fileName = segments[^1];
            if (!MasterFolders.Contains(segments[0], StringComparer.Ordinal) || segments.Length < 2)
            {
                continue; // ADFA-LD+Syscall+List.txt, READMEs and the like beside the master folders.
            }

            if (fileName.StartsWith('.') || !fileName.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            {
                layout.SkippedFiles.Add(id);
                continue;
            }

            if (segments[0] == AttackFolder)
            {
                if (segments.Length != 3)
                {
                    throw new DatasetException(
                        $"{files.Describe(path)}: unexpected layout: attack traces must sit in a family folder such as "
                        + $"{AttackFolder}/Adduser_1/, one level below {AttackFolder}/.");
                }

                if (!FamilyFolderPattern().IsMatch(segments[1]))
                {
                    throw new DatasetException(
                        $"{files.Describe(path)}: unexpected layout: attack folder '{segments[1]}' is not named <Family>_<N> "
                        + "(e.g. Adduser_1, Hydra_FTP_10).");
                }

                layout.AttackFolders.Add(segments[1]);
                layout.Attack.Add((path, id, FamilyOf(segments[1])));
            }
            else if (segments.Length != 2)
            {
                throw new DatasetException(
                    $"{files.Describe(path)}: unexpected layout: {segments[0]}/ must hold trace files directly, not subfolders.");
            }
            else
            {
                (segments[0] == TrainingFolder ? layout.Training : layout.Validation).Add((path, id));
            }
        }

        foreach (var (folder, count) in new[]
                 {
                     (TrainingFolder, layout.Training.Count), (ValidationFolder, layout.Validation.Count), (AttackFolder, layout.Attack.Count),
                 })
        {
            if (count == 0)
            {
                throw new DatasetException($"{files.Location}: {root}{folder}/ holds no .txt trace files.");
            }
        }

        return layout;
    }

    /// <summary>"Hydra_FTP_10" -> "Hydra_FTP".</summary>
    public static string FamilyOf(string attackFolderName) => FamilyFolderPattern().Match(attackFolderName) is { Success: true } match
        ? match.Groups["family"].Value
        : attackFolderName;

    [GeneratedRegex(@"^(?<family>.+)_(?<n>[0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex FamilyFolderPattern();

    private static List<string> CompareWithOfficial(AdfaLdCounts counts)
    {
        var warnings = new List<string>();
        void Check(string what, int actual, int official)
        {
            if (actual != official)
            {
                warnings.Add($"{what}: {Format(actual)} (official {Format(official)}).");
            }
        }

        Check($"{TrainingFolder} traces", counts.TrainingTraces, OfficialTrainingTraces);
        Check($"{ValidationFolder} traces", counts.ValidationTraces, OfficialValidationTraces);
        Check($"{AttackFolder} traces", counts.AttackTraces, OfficialAttackTraces);
        Check($"{AttackFolder} family folders", counts.AttackFolders, OfficialAttackFolders);
        return warnings;
    }

    private static List<string> Notes(DatasetFiles files, AdfaLdLocation location, string root, AdfaLdCounts counts,
        IReadOnlyList<string> warnings, IReadOnlyList<string> skipped)
    {
        var notes = new List<string>
        {
            $"read {files.Kind} {files.Location}{(root.Length == 0 ? "" : "!" + root)} (found via {location.FoundVia})",
            $"train = {TrainingFolder}: {Format(counts.TrainingTraces)} normal traces, {Format(counts.TrainingCalls)} calls",
            $"test normal = {ValidationFolder}: {Format(counts.ValidationTraces)} traces, {Format(counts.ValidationCalls)} calls",
            $"test attack = {AttackFolder}: {Format(counts.AttackTraces)} traces in {Format(counts.AttackFolders)} folders, "
            + $"{Format(counts.AttackCalls)} calls",
        };
        notes.AddRange(counts.AttackTracesByFamily.Select(pair =>
            $"family {pair.Key}: {Format(pair.Value)} traces in {Format(counts.AttackFoldersByFamily[pair.Key])} folders"));
        notes.Add(warnings.Count == 0
            ? "counts match the official ADFA-LD release (833 / 4,372 / 746 traces, 60 attack folders)"
            : "WARNING: counts differ from the official ADFA-LD release, so results are not comparable with published "
              + "ADFA-LD numbers: " + string.Join(" ", warnings));
        if (skipped.Count > 0)
        {
            notes.Add($"skipped {Format(skipped.Count)} non-trace files (not *.txt or hidden), e.g. {skipped[0]}");
        }

        return notes;
    }

    private static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
