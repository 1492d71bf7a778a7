using System.Text.RegularExpressions;

namespace SyscallBench.Cli.Tests.Slurm;

/// <summary>One row of squeue: a job or one task of a job array (e.g. "12_2").</summary>
/// <param name="Id">As squeue shows it: "12_2" for array task 2 of array 12, "13" for a plain job.</param>
/// <param name="RawId">The task's own job id, which sacct --completion lists.</param>
/// <param name="State">COMPLETED, FAILED, PENDING, ...</param>
/// <param name="Reason">Why it waits or ended (e.g. DependencyNeverSatisfied, NonZeroExitCode); None when there is none.</param>
internal sealed record QueuedJob(string Id, string RawId, string State, string Reason)
{
    private static readonly HashSet<string> Finished =
        ["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "BOOT_FAIL", "DEADLINE", "PREEMPTED"];

    public bool IsFinished => Finished.Contains(State);

    /// <summary>A job that waits for jobs that failed: with afterok it can never start.</summary>
    public bool WaitsInVain => State == "PENDING" && Reason == "DependencyNeverSatisfied";
}

/// <summary>The job ids scripts/slurm/submit.sh reports.</summary>
internal sealed partial record SubmittedStudy(string ArrayId, int Shards, string MergeId)
{
    public static SubmittedStudy From(ShellResult submit)
    {
        var match = SubmittedLine().Match(submit.StandardOutput);
        Assert.True(match.Success, "submit.sh did not report its job ids:\n" + submit.Describe());
        return new SubmittedStudy(match.Groups[1].Value, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[3].Value);
    }

    [GeneratedRegex(@"submitted shard array (\d+) \((\d+) shards\) and merge job (\d+)")]
    private static partial Regex SubmittedLine();
}

/// <summary>Reads job states from the scheduler and waits on them.</summary>
internal static partial class SlurmJobs
{
    /// <summary>
    /// The study's jobs, finished ones included (slurmctld keeps them for MinJobAge, 300 s): the merge job
    /// and one row per array task (a row like "12_[2-3]" stands for tasks not yet started).
    /// </summary>
    public static IReadOnlyList<QueuedJob> Queue(LocalSlurmCluster cluster, SubmittedStudy study)
    {
        var result = cluster.Command("squeue", "--noheader", "--states=all", $"--jobs={study.ArrayId},{study.MergeId}", "--format=%i|%A|%T|%r");
        Assert.True(result.ExitCode == 0, result.Describe());
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('|'))
            .Select(f => new QueuedJob(f[0], f[1], f[2], f[3]))
            .ToArray();
    }

    /// <summary>The array's tasks that have started (ids "A_i"), by task index.</summary>
    public static IReadOnlyDictionary<int, QueuedJob> Tasks(IReadOnlyList<QueuedJob> queue, SubmittedStudy study) =>
        queue.Where(j => TaskIndex(j, study) is not null).ToDictionary(j => TaskIndex(j, study)!.Value);

    public static QueuedJob Merge(IReadOnlyList<QueuedJob> queue, SubmittedStudy study) => queue.Single(j => j.Id == study.MergeId);

    /// <summary>Polls squeue until <paramref name="settled"/> holds; fails naming the jobs' last states and logs.</summary>
    public static IReadOnlyList<QueuedJob> WaitUntil(LocalSlurmCluster cluster, SubmittedStudy study, string what,
        Func<IReadOnlyList<QueuedJob>, bool> settled, TimeSpan timeout, string logs)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var queue = Queue(cluster, study);
            if (settled(queue))
            {
                return queue;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Waited {timeout.TotalMinutes:F0} min for {what}; squeue shows:\n"
                    + string.Join('\n', queue) + "\n" + Logs(cluster, logs));
            }

            Thread.Sleep(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>Key=value fields of `scontrol show job` for the job or every task of the array.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Details(LocalSlurmCluster cluster, string jobId)
    {
        var result = cluster.Command("scontrol", "--oneliner", "show", "job", jobId);
        Assert.True(result.ExitCode == 0, result.Describe());
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => (IReadOnlyDictionary<string, string>)Field().Matches(line)
                .GroupBy(m => m.Groups[1].Value)
                .ToDictionary(g => g.Key, g => g.First().Groups[2].Value))
            .ToArray();
    }

    /// <summary>The job logs and the controller's last lines, for a failure message.</summary>
    public static string Logs(LocalSlurmCluster cluster, string logFolder)
    {
        var parts = new List<string>();
        if (Directory.Exists(logFolder))
        {
            parts.AddRange(Directory.GetFiles(logFolder).Order().Select(f => $"--- {f}\n{File.ReadAllText(f)}"));
        }

        var controller = Path.Combine(cluster.Folder, "log", "slurmctld.log");
        if (File.Exists(controller))
        {
            parts.Add($"--- {controller} (last 30 lines)\n" + string.Join('\n', File.ReadLines(controller).TakeLast(30)));
        }

        return string.Join('\n', parts);
    }

    private static int? TaskIndex(QueuedJob job, SubmittedStudy study) =>
        job.Id.StartsWith(study.ArrayId + "_", StringComparison.Ordinal)
        && int.TryParse(job.Id[(study.ArrayId.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? index
            : null;

    [GeneratedRegex(@"(?:^|\s)([A-Za-z][\w:/]*)=(\S*)")]
    private static partial Regex Field();
}
