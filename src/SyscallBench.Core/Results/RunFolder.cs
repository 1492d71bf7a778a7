using System.Text.Json;
using SyscallBench.Core.Config;
using SyscallBench.Core.Export;
using SyscallBench.Core.Splits;

namespace SyscallBench.Core.Results;

/// <summary>
/// The files of one run folder, results/&lt;experiment&gt;/&lt;run-id&gt;/: their names and paths, and the one
/// place where the typed ones (manifest.json, splits/NAME.json, config.yaml) are written and read back.
/// </summary>
/// <remarks>
/// Reading refuses a damaged file with a <see cref="SyscallBenchException"/> that names it and says what is
/// wrong (not JSON, a missing or null field, a split that names another), so `report`, `merge` and `score`
/// never fail on a run folder with a raw parser error. Files are written atomically (<see cref="JsonFile"/>).
/// </remarks>
public sealed class RunFolder
{
    public const string ConfigFileName = "config.yaml";
    public const string ManifestFileName = "manifest.json";
    public const string ScoresFileName = "scores.csv";
    public const string MetricsCsvFileName = "metrics.csv";
    public const string MetricsJsonFileName = "metrics.json";
    public const string FamilyMetricsFileName = "family_metrics.csv";
    public const string NormalFamilyMetricsFileName = "normal_family_metrics.csv";
    public const string SeedSummaryFileName = "seed_summary.csv";
    public const string ComparisonsFileName = "comparisons.csv";
    public const string LearningCurveFileName = "learning_curve.csv";
    public const string GeneralizationFileName = "generalization.csv";
    public const string ProbesFileName = "probes.json";
    public const string OverTimeFileName = "over_time.json";
    public const string ReportFileName = "report.html";
    public const string SplitsFolderName = "splits";
    public const string ModelsFolderName = "models";
    public const string FiguresFolderName = "figures";

    /// <summary>The files every finished run has, in the order the report's header lists them.</summary>
    public static IReadOnlyList<string> CoreFileNames { get; } =
        [ConfigFileName, ManifestFileName, MetricsCsvFileName, FamilyMetricsFileName, MetricsJsonFileName, ScoresFileName, ReportFileName];

    /// <summary>What <see cref="RunResultReader"/> needs to rebuild a run.</summary>
    private static readonly string[] RequiredFileNames = [ConfigFileName, ManifestFileName, ScoresFileName];

    public RunFolder(string path) => Path = System.IO.Path.GetFullPath(path);

    /// <summary>The folder, absolute.</summary>
    public string Path { get; }

    public string Config => Combine(ConfigFileName);

    public string Manifest => Combine(ManifestFileName);

    public string Scores => Combine(ScoresFileName);

    public string MetricsCsv => Combine(MetricsCsvFileName);

    public string MetricsJson => Combine(MetricsJsonFileName);

    public string FamilyMetrics => Combine(FamilyMetricsFileName);

    public string NormalFamilyMetrics => Combine(NormalFamilyMetricsFileName);

    public string SeedSummary => Combine(SeedSummaryFileName);

    public string Comparisons => Combine(ComparisonsFileName);

    public string LearningCurve => Combine(LearningCurveFileName);

    public string Generalization => Combine(GeneralizationFileName);

    public string Probes => Combine(ProbesFileName);

    public string OverTime => Combine(OverTimeFileName);

    public string Report => Combine(ReportFileName);

    public string Splits => Combine(SplitsFolderName);

    public string Models => Combine(ModelsFolderName);

    public string Figures => Combine(FiguresFolderName);

    /// <summary>splits/&lt;name&gt;.json.</summary>
    public string SplitFile(string name) => Combine(SplitsFolderName, name + ".json");

    /// <summary>A path inside the folder (a model folder of <see cref="ManifestDetector.ModelDirectory"/>).</summary>
    public string Combine(params string[] relative) => System.IO.Path.Combine([Path, .. relative]);

    /// <summary>The run folder at <paramref name="path"/>, after checking it holds a finished run's files.</summary>
    /// <exception cref="SyscallBenchException">A file <see cref="RunResultReader"/> needs is missing.</exception>
    public static RunFolder Open(string path)
    {
        var folder = new RunFolder(path);
        if (!Directory.Exists(folder.Path))
        {
            throw new SyscallBenchException($"{folder.Path}: no such run folder.");
        }

        if (!RequiredFileNames.All(required => File.Exists(folder.Combine(required))) && RunsInside(folder.Path) is { Count: > 0 } runs)
        {
            // results/<experiment>/ given instead of one of its runs: say which runs there are.
            const int shown = 5;
            throw new SyscallBenchException($"{folder.Path}: an experiment's results folder, not a run folder; it holds {runs.Count} run(s), "
                + $"newest first: {string.Join(", ", runs.Take(shown))}{(runs.Count > shown ? ", ..." : "")}. Give one of them "
                + $"(`runs {folder.Path}` lists them all).");
        }

        foreach (var required in RequiredFileNames)
        {
            if (!File.Exists(folder.Combine(required)))
            {
                throw new SyscallBenchException($"{folder.Path}: not a complete run folder ({required} is missing).");
            }
        }

        return folder;
    }

    /// <summary>The names of the run folders directly inside <paramref name="path"/>, newest first (run ids begin with their start time).</summary>
    private static IReadOnlyList<string> RunsInside(string path) =>
        System.IO.Directory.EnumerateDirectories(path)
            .Where(d => RequiredFileNames.All(required => File.Exists(System.IO.Path.Combine(d, required))))
            .Select(d => System.IO.Path.GetFileName(d))
            .OrderByDescending(name => name, StringComparer.Ordinal)
            .ToArray();

    /// <summary>The run folder a model folder (RUN_DIR/models/[SPLIT/]NAME[/seed-N]) is in, or null when it is not inside one.</summary>
    public static RunFolder? Containing(string modelDirectory)
    {
        // models/NAME: two levels up; models/NAME/seed-N or models/SPLIT/NAME: three; models/SPLIT/NAME/seed-N: four.
        var directory = new DirectoryInfo(System.IO.Path.GetFullPath(modelDirectory));
        for (var up = 0; up < 4 && directory is not null; up++, directory = directory.Parent)
        {
            if (directory.Name == ModelsFolderName && directory.Parent is { } run
                && File.Exists(System.IO.Path.Combine(run.FullName, ConfigFileName))
                && File.Exists(System.IO.Path.Combine(run.FullName, ManifestFileName)))
            {
                return new RunFolder(run.FullName);
            }
        }

        return null;
    }

    public void WriteManifest(RunManifest manifest) => JsonFile.Save(manifest, Manifest);

    /// <exception cref="SyscallBenchException">manifest.json is missing, not JSON, or lacks a field (named in the message).</exception>
    public RunManifest ReadManifest() => Read<RunManifest>(Manifest, "run manifest");

    public void WriteSplit(SplitManifest split) => JsonFile.Save(split, SplitFile(split.Name));

    /// <summary>splits/&lt;name&gt;.json.</summary>
    /// <exception cref="SyscallBenchException">The file is missing, not JSON, lacks a field, or describes another split.</exception>
    public SplitManifest ReadSplit(string name)
    {
        var path = SplitFile(name);
        var split = Read<SplitManifest>(path, "split manifest");
        // A positional record: System.Text.Json fills fields the file lacks with null (files written before
        // call counts existed lack those, which read as 0 and are allowed), so the required ones are checked here.
        var missing = new (string Field, object? Value)[]
            {
                ("name", split.Name), ("protocol", split.Protocol), ("train_sha256", split.TrainSha256), ("test_sha256", split.TestSha256),
                ("leaked_examples", split.LeakedExamples), ("train_ids", split.TrainIds), ("test_ids", split.TestIds),
            }
            .Where(f => f.Value is null).Select(f => f.Field).ToArray();
        if (missing.Length > 0)
        {
            throw new SyscallBenchException($"{path}: not a split manifest: missing {string.Join(", ", missing)}.");
        }

        return split.Name == name
            ? split
            : throw new SyscallBenchException($"{path}: describes split '{split.Name}', but manifest.json lists it as '{name}'.");
    }

    /// <summary>The manifests of the splits <paramref name="manifest"/> lists, in its (the plan's) order.</summary>
    public IReadOnlyList<SplitManifest> ReadSplits(RunManifest manifest) => manifest.Splits.Select(s => ReadSplit(s.Name)).ToArray();

    /// <summary>
    /// config.yaml, validated like any experiment file. Its paths are absolute (written so); in runs written
    /// before they were (<see cref="RunManifest.ManifestVersion"/> 1), they are relative to the original experiment file.
    /// </summary>
    public ExperimentConfig ReadConfig(ExperimentConfigReader reader, RunManifest manifest)
    {
        var config = reader.ReadFile(Config);
        return manifest.ManifestVersion < 2 ? config with { SourceFile = manifest.ConfigFile } : config;
    }

    /// <summary>Reads a JSON file of the run folder into <typeparamref name="T"/>, turning every failure into an error naming the file.</summary>
    private static T Read<T>(string path, string what)
        where T : class
    {
        if (!File.Exists(path))
        {
            throw new SyscallBenchException($"{path}: missing.");
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, JsonFile.ReadOptions)
                ?? throw new SyscallBenchException($"{path}: not a {what} (the file holds null).");
        }
        catch (JsonException e)
        {
            throw new SyscallBenchException($"{path}: not a valid {what}: {e.Message}", e);
        }
    }
}
