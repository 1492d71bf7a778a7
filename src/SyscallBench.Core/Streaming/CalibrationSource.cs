using System.Globalization;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Streaming;

/// <summary>
/// One `--calibrate` argument and the known-normal trace files it stands for: a folder (every trace file below it), a
/// labels.csv (the files of its normal rows, so a recording's attack files are left out), or a single trace file.
/// </summary>
/// <param name="Given">The argument as given (messages name it).</param>
/// <param name="Root">What the files' process names and the cache hash are relative to: the folder, or the labels file's folder.</param>
/// <param name="Files">The trace files, in a stable order; never empty.</param>
/// <param name="Description">Which files, in words, for the calibration's source line.</param>
public sealed record CalibrationSource(string Given, string Root, IReadOnlyList<string> Files, string Description)
{
    /// <summary>Reads what a --calibrate argument stands for.</summary>
    /// <param name="given">A folder, a labels.csv (any file ending .csv: trace files never do) or a trace file.</param>
    /// <param name="skipped">Told about entries of a folder that are not regular files (<see cref="ScoreInputs.FilesOf"/>).</param>
    /// <exception cref="SyscallBenchException">Nothing there, no trace files, a labels.csv without normal rows or naming a missing file.</exception>
    public static CalibrationSource Of(string given, Action<string> skipped)
    {
        if (Directory.Exists(given))
        {
            var files = ScoreInputs.FilesOf(given, skipped);
            return files.Count > 0
                ? new CalibrationSource(given, given, files, $"the {Plural(files.Count, "file")} under {Path.GetFullPath(given)}")
                : throw new SyscallBenchException($"--calibrate {given}: no trace files in the folder.");
        }

        if (!File.Exists(given))
        {
            throw new SyscallBenchException($"--calibrate {given}: no such folder or file (give a folder of known-normal traces, a labels.csv, or a trace file).");
        }

        return given.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            ? OfLabels(given)
            : new CalibrationSource(given, Path.GetDirectoryName(Path.GetFullPath(given))!, [Path.GetFullPath(given)], $"the file {Path.GetFullPath(given)}");
    }

    /// <summary>The files of a labels.csv's normal rows (train and test alike: none is an attack), read and checked as a trace folder's.</summary>
    private static CalibrationSource OfLabels(string labelsFile)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(labelsFile))!;
        var rows = TraceFolderDataset.ReadLabels(labelsFile);
        var normal = rows.Where(r => r.Label == TraceLabel.Normal).ToArray();
        if (normal.Length == 0)
        {
            throw new SyscallBenchException($"--calibrate {labelsFile}: no normal rows{(rows.Count > 0 ? $" (all {Count(rows.Count)} are attacks)" : "")}: the threshold is set on normal traces only.");
        }

        var files = new List<string>();
        foreach (var row in normal)
        {
            var file = Path.GetFullPath(Path.Combine(folder, row.File));
            files.Add(File.Exists(file)
                ? file
                : throw new SyscallBenchException($"--calibrate {labelsFile}:{row.Line}: trace file '{row.File}' not found (looked for {file})."));
        }

        var attacks = rows.Count - normal.Length;
        return new CalibrationSource(labelsFile, folder, files,
            $"the {Plural(normal.Length, "normal row")} of {Path.GetFullPath(labelsFile)}" + (attacks > 0 ? $" ({Plural(attacks, "attack row")} left out)" : ""));
    }

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Plural(int n, string noun) => $"{Count(n)} {noun}{(n == 1 ? "" : "s")}";
}
