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
        File.WriteAllText(Path.Combine(partial, OwnerFile), Owner.Current.ToString());
        RemoveStalePartials(experimentFolder);
        return new RunDirectory(runId, partial, Path.Combine(experimentFolder, runId));
    }

    /// <summary>Names the process building a partial folder, so a later run can tell a live run's folder from a dead one's.</summary>
    internal const string OwnerFile = "owner.txt";

    /// <summary>
    /// Deletes the partial folders of runs that died without cleaning up (SIGKILL, a power cut): those whose
    /// owner ran on this machine and is no longer running. A live run's folder is kept, and so is one made on
    /// another machine (shards on a shared file system), which cannot be judged from here. Folders of older
    /// versions, without an owner file, are taken as dead after a day untouched.
    /// </summary>
    private static void RemoveStalePartials(string experimentFolder)
    {
        foreach (var folder in Directory.EnumerateDirectories(experimentFolder, ".*.partial"))
        {
            var ownerFile = Path.Combine(folder, OwnerFile);
            var stale = File.Exists(ownerFile)
                ? Owner.Parse(File.ReadAllText(ownerFile)) is { } owner && owner.Machine == Environment.MachineName && !owner.IsRunning()
                : Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddDays(-1);
            if (stale)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another run cleaned it first, or it is not ours to delete: leave it.
                }
            }
        }
    }

    /// <summary>A process: its machine, id and start time (ids are reused, start times tell the lives apart).</summary>
    private sealed record Owner(string Machine, int ProcessId, long StartTicks)
    {
        public static Owner Current
        {
            get
            {
                using var self = System.Diagnostics.Process.GetCurrentProcess();
                return new Owner(Environment.MachineName, self.Id, self.StartTime.ToUniversalTime().Ticks);
            }
        }

        public static Owner? Parse(string text)
        {
            var lines = text.Split('\n', StringSplitOptions.TrimEntries);
            return lines.Length >= 3 && int.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && long.TryParse(lines[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                ? new Owner(lines[0], id, ticks)
                : null;
        }

        public bool IsRunning()
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(ProcessId);
                return process.StartTime.ToUniversalTime().Ticks == StartTicks;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                return false; // no such process (any more)
            }
        }

        public override string ToString() =>
            string.Join('\n', Machine, ProcessId.ToString(CultureInfo.InvariantCulture), StartTicks.ToString(CultureInfo.InvariantCulture));
    }

    public string PathOf(string relative) => Path.Combine(PartialPath, relative);

    public void Commit()
    {
        // The owner note is for partial folders only; without it, this one is fresh for a day, ample for the rename.
        File.Delete(Path.Combine(PartialPath, OwnerFile));
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
