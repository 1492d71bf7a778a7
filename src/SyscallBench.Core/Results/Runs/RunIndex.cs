using SyscallBench.Core.Evaluation;

namespace SyscallBench.Core.Results.Runs;

/// <summary>What kind of folder a <see cref="RunIndexEntry"/> is.</summary>
public enum RunStatus
{
    /// <summary>A finished run: manifest, config, scores and report.</summary>
    Complete,

    /// <summary>One shard of a sharded run (raw material for `merge`: metrics over a subset of the detectors).</summary>
    Shard,

    /// <summary>A finished run without its report.html (the report failed or was deleted; `report` rebuilds it).</summary>
    NoReport,

    /// <summary>`explore`'s dataset overview (overview.html), no detectors.</summary>
    ExploreOverview,

    /// <summary>A folder whose manifest cannot be read (named in <see cref="RunIndexEntry.Problem"/>).</summary>
    Damaged,
}

/// <summary>
/// One run folder in the index `runs` prints: its path, experiment, start, git commit, dataset (name and content
/// hash) and detectors from manifest.json; <c>BestDetector</c> and <c>BestRocAuc</c>, the detector (and seed) with
/// the highest ROC AUC on the official split, from scores.csv (null without scores); its status, and for a damaged
/// folder the problem. Fields the folder does not have (an explore overview has no manifest) are null.
/// </summary>
public sealed record RunIndexEntry(
    string Path,
    string Experiment,
    DateTimeOffset? StartedAt,
    string? GitCommit,
    string? Dataset,
    string? DatasetSha256,
    IReadOnlyList<string> Detectors,
    string? BestDetector,
    double? BestRocAuc,
    RunStatus Status,
    string? Problem = null);

/// <summary>
/// The index of run folders under a results folder (`runs [FOLDER]`): every results/EXPERIMENT/RUN (and FOLDER
/// itself when it is a run), newest first. Read through <see cref="RunFolder"/> (typed manifest) and
/// <see cref="ScoresCsv"/>; the best ROC AUC is computed from the saved scores (tie-aware, as the evaluation does),
/// without the bootstrap, so listing stays quick.
/// </summary>
public static class RunIndex
{
    public static IReadOnlyList<RunIndexEntry> Of(string folder)
    {
        var root = System.IO.Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new SyscallBenchException($"{folder}: no such folder.");
        }

        // A run folder, an experiment folder (its runs), or a results folder (experiments, then runs).
        var candidates = new[] { root }
            .Concat(Visible(root))
            .Concat(Visible(root).SelectMany(Visible))
            .Where(IsRunLike)
            .Distinct(StringComparer.Ordinal);
        return candidates.Select(Entry)
            .OrderByDescending(e => e.StartedAt ?? DateTimeOffset.MinValue)
            .ThenBy(e => e.Path, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Sub-folders, without the hidden ones (".RUN.partial" of runs in progress).</summary>
    private static IEnumerable<string> Visible(string folder) =>
        Directory.EnumerateDirectories(folder).Where(d => !System.IO.Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal);

    private static bool IsRunLike(string folder) =>
        File.Exists(System.IO.Path.Combine(folder, RunFolder.ManifestFileName)) || File.Exists(System.IO.Path.Combine(folder, OverviewFileName));

    /// <summary>The file `explore` writes.</summary>
    public const string OverviewFileName = "overview.html";

    private static RunIndexEntry Entry(string path)
    {
        var folder = new RunFolder(path);
        var experiment = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(path)) ?? "";
        if (!File.Exists(folder.Manifest))
        {
            return new RunIndexEntry(path, experiment, Directory.GetLastWriteTimeUtc(path), null, null, null, [], null, null, RunStatus.ExploreOverview);
        }

        try
        {
            var manifest = folder.ReadManifest();
            var (best, auc) = File.Exists(folder.Scores) ? Best(folder.Scores) : (null, null);
            var status = manifest.Shard is not null ? RunStatus.Shard
                : File.Exists(folder.Report) ? RunStatus.Complete
                : RunStatus.NoReport;
            return new RunIndexEntry(path, manifest.Experiment, manifest.StartedAt, manifest.Tool.GitCommit, manifest.Dataset.Name,
                manifest.Dataset.ContentSha256, manifest.Detectors.Select(d => d.Detector).Distinct(StringComparer.Ordinal).ToArray(), best, auc, status);
        }
        catch (SyscallBenchException e)
        {
            return new RunIndexEntry(path, experiment, null, null, null, null, [], null, null, RunStatus.Damaged, e.Message);
        }
    }

    private static (string? Detector, double? Auc) Best(string scoresPath)
    {
        string? best = null;
        double? bestAuc = null;
        foreach (var ((split, detector, seed), scores) in ScoresCsv.Read(scoresPath))
        {
            if (split != Splits.DataSplit.Official || scores.All(s => s.Label == scores[0].Label))
            {
                continue;
            }

            var auc = RocCurve.Compute(scores, detector).Auc;
            if (bestAuc is null || auc > bestAuc)
            {
                (best, bestAuc) = ($"{detector} (seed {seed})", auc);
            }
        }

        return (best, bestAuc);
    }
}
