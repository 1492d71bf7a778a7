using System.Text.RegularExpressions;

namespace SyscallBench.Cli.Tests.Slurm;

/// <summary>scripts/slurm/local-cluster.sh: start and stop are idempotent, and stop ends what start started and the jobs it ran.</summary>
public sealed partial class LocalClusterScriptTests
{
    /// <summary>A command line no other process on the machine has, to find the job's process by.</summary>
    private const string JobSleep = "617.25";

    [SlurmFact]
    public void GivenNoCluster_WhenStartedTwiceAndStoppedTwiceWithAJobRunning_ThenTheSecondStartAndStopChangeNothingAndStopEndsTheJob()
    {
        // Given: a cluster folder and ports of this test's own
        using var cluster = new LocalSlurmCluster("script-test", port: 6837);
        cluster.StartFresh();
        var first = Daemons(cluster);

        // When
        var again = cluster.Script("start");
        var afterAgain = Daemons(cluster);
        var job = cluster.Command("sbatch", "--parsable", "--mem=64M", "--output=/dev/null", $"--wrap=sleep {JobSleep}");
        Assert.True(job.ExitCode == 0, job.Describe());
        WaitUntilRunning(cluster, job.StandardOutput.Trim());
        var stopped = cluster.Stop();
        var stoppedAgain = cluster.Stop();
        var status = cluster.Script("status");

        // Then: the second start found all three running and started nothing
        Assert.Equal(3, first.Count);
        Assert.True(again.ExitCode == 0, again.Describe());
        Assert.Contains("already running", again.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(first, afterAgain);

        // Then: stop cancelled the job (which would outlive slurmd) and ended the three daemons; the
        // second stop had nothing to do
        Assert.True(stopped.ExitCode == 0, stopped.Describe());
        Assert.Contains($"cancelled the jobs still queued or running: {job.StandardOutput.Trim()}", stopped.StandardOutput, StringComparison.Ordinal);
        Assert.False(SleepRuns(), $"the job's 'sleep {JobSleep}' still runs after stop");
        Assert.All(first.Values, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} still runs after stop"));
        Assert.True(stoppedAgain.ExitCode == 0 && stoppedAgain.StandardOutput.Length == 0, stoppedAgain.Describe());
        Assert.NotEqual(0, status.ExitCode);
        Assert.Contains("slurmctld: not running", status.StandardOutput, StringComparison.Ordinal);
    }

    private static void WaitUntilRunning(LocalSlurmCluster cluster, string jobId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (cluster.Command("squeue", "--noheader", $"--jobs={jobId}", "--format=%T").StandardOutput.Trim() != "RUNNING" || !SleepRuns())
        {
            Assert.True(DateTime.UtcNow < deadline, $"job {jobId} did not start within 3 min");
            Thread.Sleep(TimeSpan.FromSeconds(1));
        }
    }

    private static bool SleepRuns() =>
        Directory.EnumerateDirectories("/proc").Any(process =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(process, "cmdline")) == $"sleep\0{JobSleep}\0";
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        });

    /// <summary>The daemons `status` lists as running, by name.</summary>
    private static Dictionary<string, int> Daemons(LocalSlurmCluster cluster)
    {
        var status = cluster.Script("status");
        Assert.True(status.ExitCode == 0, status.Describe());
        return RunningLine().Matches(status.StandardOutput)
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(munged|slurmctld|slurmd): running \((\d+)\)$", RegexOptions.Multiline)]
    private static partial Regex RunningLine();
}
