using System.Globalization;

namespace SyscallBench.Core.Experiments;

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

    public static RunDirectory Create(string outputRoot, string experimentName, DateTimeOffset startedAt)
    {
        var experimentFolder = Path.GetFullPath(Path.Combine(outputRoot, experimentName));
        var stamp = startedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        // A short random suffix keeps two runs started in the same second apart.
        var runId = $"{stamp}-{Guid.NewGuid().ToString("N")[..6]}";
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
