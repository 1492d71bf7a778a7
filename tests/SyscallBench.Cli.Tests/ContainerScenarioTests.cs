using System.IO.Compression;
using System.Text.Json;
using SyscallBench.Core.Recording;

namespace SyscallBench.Cli.Tests;

/// <summary>
/// The container scenarios end to end, as root with an eBPF engine: tools/container-scenarios/run.sh records a tiny
/// scenario (a victim HTTP service in its own cgroup and namespaces, one attack), the lid-ds dataset reads it, an
/// experiment scores it and judges it over time with the anomaly timeline, and `score -` reads an attack recording's
/// .sc lines as `record -` streams them. About 40 seconds of recording.
/// </summary>
[Collection("Cli")]
public sealed class ContainerScenarioTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-scenario-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [ScenarioFact]
    public void GivenATinyScenarioRecordedByRunSh_WhenReadScoredAndJudgedOverTime_ThenItsAttackIsOnTheTimelineAndScoreReadsItsScLines()
    {
        // Given: 2 training, 1 validation, 1 test normal and 1 attack recording (reading decoy secrets), 5 s each
        var scenario = Path.Combine(_temp, "victim-http");
        var recorded = ShellCommand.Run("bash", [Path.Combine(CliHarness.RepositoryRoot, "tools", "container-scenarios", "run.sh"), scenario],
            CliHarness.RepositoryRoot, new Dictionary<string, string>
            {
                ["SYSCALLBENCH_TOOL"] = ScenarioFactAttribute.Tool, ["TRAINING"] = "2", ["VALIDATION"] = "1", ["TEST_NORMAL"] = "1",
                ["TEST_ATTACK"] = "1", ["DURATION"] = "5", ["WARMUP"] = "1", ["ATTACKS"] = "read_secrets",
            }, TimeSpan.FromMinutes(4));
        Assert.True(recorded.ExitCode == 0, recorded.Describe());
        var attack = Assert.Single(Directory.GetFiles(Path.Combine(scenario, "test", "normal_and_attack"), "*.zip"));

        // When it is read as a lid-ds dataset, scored and judged over time in windows of 1 second
        var experiment = Path.Combine(_temp, "scenario.yaml");
        File.WriteAllText(experiment, $"name: scenario\ndataset: {{type: lid-ds, params: {{path: {scenario}, streams: thread}}}}\n"
            + "detectors: [{name: stide-6, type: stide, params: {window_length: 6}}]\n"
            + "over_time: {window_seconds: 1}\nevaluation: {bootstrap_resamples: 0}\n");
        var (exitCode, output) = CliHarness.Run(experiment, "--output", Path.Combine(_temp, "results"));

        // Then the attack recording is on the report's timeline with its exploit start, and over_time.json judged it
        Assert.True(exitCode == 0, output);
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(_temp, "results", "scenario")));
        var report = File.ReadAllText(Path.Combine(run, "report.html"));
        Assert.Contains($"most anomalous attack #1: {Path.GetFileNameWithoutExtension(attack)}", report, StringComparison.Ordinal);
        Assert.Contains("\"text\":\"exploit start\"", report, StringComparison.Ordinal);
        using var overTime = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "over_time.json")));
        Assert.Equal(1, overTime.RootElement.GetProperty("results")[0].GetProperty("over_time").GetProperty("budgets")[0]
            .GetProperty("outcome").GetProperty("attack_recordings").GetInt32());

        // And `score -` reads the attack's .sc lines, told by the first line, per thread as the run read them
        string lines;
        using (var zip = ZipFile.OpenRead(attack))
        using (var reader = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".sc", StringComparison.Ordinal)).Open()))
        {
            lines = reader.ReadToEnd();
        }

        var (scoreExit, scored) = CliHarness.RunWithInput(lines, "score", "--model", Path.Combine(run, "models", "stide-6"), "-",
            "--window-seconds", "1", "--format", "jsonl", "--cache", Path.Combine(_temp, "cache"));
        Assert.True(scoreExit == 0, scored + CliHarness.Error);
        var records = scored.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Contains(records, r => r.GetProperty("type").GetString() == "window" || r.GetProperty("type").GetString() == "alert");
        Assert.Contains(records, r => r.GetProperty("type").GetString() == "trace" && r.GetProperty("process").GetString()!.Contains(" tid ", StringComparison.Ordinal));
    }

    [ScenarioFact]
    public void GivenLeftoversOfARunKilledWithSigkill_WhenRunShRunsAndIsStopped_ThenNoCgroupOrScratchFolderRemains()
    {
        // Given the cgroups (with a process still in one) and scratch folder of a run.sh that SIGKILL ended (its EXIT
        // trap never ran: a stale syscallbench-scenarios-PID cgroup stayed on a test machine), named with a dead pid
        var cgroup2 = File.ReadLines("/proc/mounts").Select(l => l.Split(' ')).First(f => f[2] == "cgroup2")[1];
        int deadPid;
        using (var ended = System.Diagnostics.Process.Start("true")!)
        {
            deadPid = ended.Id;
            ended.WaitForExit();
        }

        var stale = Path.Combine(cgroup2, $"syscallbench-scenarios-{deadPid}");
        Directory.CreateDirectory(Path.Combine(stale, "victim-http-0001"));
        var sleeper = ShellCommand.Run("sh", ["-c", $"sh -c 'echo $$ > {stale}/victim-http-0001/cgroup.procs; exec sleep 600' >/dev/null 2>&1 & echo started"],
            _temp, new Dictionary<string, string>(), TimeSpan.FromSeconds(10));
        Assert.Equal(0, sleeper.ExitCode);
        var staleScratch = Directory.CreateDirectory($"/var/tmp/container-scenarios.{deadPid}.stale").FullName;
        var scratchBefore = Directory.GetDirectories("/var/tmp", "container-scenarios.*").ToHashSet();

        // When run.sh starts recording, then gets SIGTERM once its own cgroups exist
        var start = new System.Diagnostics.ProcessStartInfo("bash") { WorkingDirectory = CliHarness.RepositoryRoot, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(CliHarness.RepositoryRoot, "tools", "container-scenarios", "run.sh"));
        start.ArgumentList.Add(Path.Combine(_temp, "killed"));
        foreach (var (name, value) in new Dictionary<string, string> { ["SYSCALLBENCH_TOOL"] = ScenarioFactAttribute.Tool, ["TRAINING"] = "3", ["DURATION"] = "2", ["WARMUP"] = "1" })
        {
            start.Environment[name] = value;
        }

        using var script = System.Diagnostics.Process.Start(start)!;
        var cgroups = Path.Combine(cgroup2, $"syscallbench-scenarios-{script.Id}");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!Directory.Exists(Path.Combine(cgroups, "others")) && !script.HasExited && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
        }

        Assert.True(Directory.Exists(cgroups), $"run.sh made no cgroup {cgroups} (exited: {script.HasExited})");
        Assert.Equal(0, ShellCommand.Run("kill", ["-TERM", script.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], _temp,
            new Dictionary<string, string>(), TimeSpan.FromSeconds(10)).ExitCode);
        Assert.True(script.WaitForExit(TimeSpan.FromMinutes(1)), "run.sh did not stop within a minute of SIGTERM");

        // Then the dead run's leftovers went when it started, and its own when it stopped (exit 143: SIGTERM)
        Assert.Equal(143, script.ExitCode);
        Assert.False(Directory.Exists(stale), $"{stale} is left behind");
        Assert.False(Directory.Exists(staleScratch), $"{staleScratch} is left behind");
        Assert.False(Directory.Exists(cgroups), $"{cgroups} is left behind");
        Assert.DoesNotContain(Directory.GetDirectories("/var/tmp", "container-scenarios.*"), d => !scratchBefore.Contains(d));
    }
}

/// <summary>A fact that runs only as root with an eBPF engine, python3, unshare and the built tool; says what is missing when skipped.</summary>
public sealed class ScenarioFactAttribute : FactAttribute
{
    /// <summary>
    /// The built CLI that run.sh copies instead of building: the root project, which Experiments.sln builds in the
    /// configuration these tests were built in (bin/CONFIGURATION/net10.0, as this assembly's folder is).
    /// </summary>
    public static string Tool { get; } = Path.Combine(CliHarness.RepositoryRoot, "bin",
        Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))!), "net10.0");

    public ScenarioFactAttribute()
    {
        var missing = CaptureEngines.WhyCannotRecordCommands(CaptureEngineChoice.Auto)
            ?? (new[] { "python3", "unshare", "nsenter" }.FirstOrDefault(t => !OnPath(t)) is { } tool ? $"{tool} is not installed." : null)
            ?? (File.Exists(Path.Combine(Tool, "syscallbench.dll")) ? null : $"the CLI is not built at {Tool} (dotnet build SyscallBench.csproj).");
        if (missing is not null)
        {
            Skip = $"Container scenario skipped: {missing} CI runs it as root with clang, libbpf-dev, bpftrace and python3 installed (.ci/run).";
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, tool)));
}
