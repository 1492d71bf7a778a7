using System.Globalization;

namespace SyscallBench.Core.Running;

/// <summary>
/// The folder of one run, results/&lt;experiment&gt;/&lt;run-id&gt;/. It is built under a hidden
/// ".&lt;run-id&gt;.partial" name and renamed only when complete, so results/ never holds a run that looks
/// finished but is not. <see cref="Dispose"/> without <see cref="Commit"/> deletes the partial folder.
/// </summary>
public sealed class RunDirectory : IDisposable
{
    private bool _committed;

    private RunDirectory(string runId, string partialPath, string finalPath)
    {
        RunId = runId;
        PartialPath = partialPath;
        FinalPath = finalPath;
    }

    public string RunId { get; }

    /// <summary>Where files are written while the run is in progress.</summary>
    public string PartialPath { get; }

    /// <summary>Where the run ends up once committed.</summary>
    public string FinalPath { get; }

    /// <param name="outputRoot">The results folder (results/).</param>
    /// <param name="experimentName">The experiment's name: runs land in outputRoot/experimentName/.</param>
    /// <param name="startedAt">Start time, the first part of the run id.</param>
    /// <param name="suffix">Appended to the run id (the dataset name when an experiment has several).</param>
    public static RunDirectory Create(string outputRoot, string experimentName, DateTimeOffset startedAt, string? suffix = null)
    {
        var experimentFolder = Path.GetFullPath(Path.Combine(outputRoot, experimentName));
        var stamp = startedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        // A short random suffix keeps two runs started in the same second apart.
        var runId = $"{stamp}-{Guid.NewGuid().ToString("N")[..6]}{(suffix is null ? "" : "-" + suffix)}";
        var partial = Path.Combine(experimentFolder, $".{runId}.partial");
        Directory.CreateDirectory(partial);
        return new RunDirectory(runId, partial, Path.Combine(experimentFolder, runId));
    }

    public string PathOf(string relative) => Path.Combine(PartialPath, relative);

    public void Commit()
    {
        Directory.Move(PartialPath, FinalPath);
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed && Directory.Exists(PartialPath))
        {
            Directory.Delete(PartialPath, recursive: true);
        }
    }
}
