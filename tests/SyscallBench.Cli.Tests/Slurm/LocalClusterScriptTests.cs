using System.Text.RegularExpressions;

namespace SyscallBench.Cli.Tests.Slurm;

/// <summary>scripts/slurm/local-cluster.sh: start and stop are idempotent, and stop ends exactly what start started.</summary>
public sealed partial class LocalClusterScriptTests
{
    [SlurmFact]
    public void GivenNoCluster_WhenStartedTwiceAndStoppedTwice_ThenTheSecondStartAndTheSecondStopChangeNothing()
    {
        // Given: a cluster folder and ports of this test's own
        using var cluster = new LocalSlurmCluster("script-test", port: 6837);
        cluster.StartFresh();
        var first = Daemons(cluster);

        // When
        var again = cluster.Script("start");
        var afterAgain = Daemons(cluster);
        var stopped = cluster.Stop();
        var stoppedAgain = cluster.Stop();
        var status = cluster.Script("status");

        // Then: the second start found all three running and started nothing
        Assert.Equal(3, first.Count);
        Assert.True(again.ExitCode == 0, again.Describe());
        Assert.Contains("already running", again.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(first, afterAgain);

        // Then: stop ended those three processes; the second stop had nothing to do
        Assert.True(stopped.ExitCode == 0, stopped.Describe());
        Assert.All(first.Values, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} still runs after stop"));
        Assert.True(stoppedAgain.ExitCode == 0 && stoppedAgain.StandardOutput.Length == 0, stoppedAgain.Describe());
        Assert.NotEqual(0, status.ExitCode);
        Assert.Contains("slurmctld: not running", status.StandardOutput, StringComparison.Ordinal);
    }

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
