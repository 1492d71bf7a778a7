namespace SyscallBench.Cli.Tests;

/// <summary>An experiment asking for a GPU the build cannot use: exit code 1 with the remedy, no results.</summary>
[Collection("Cli")]
public sealed class LstmDeviceCliTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-device-cli-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [CpuOnlyTorchBuildFact]
    public void GivenACpuOnlyBuild_WhenAnExperimentAsksForDeviceCuda_ThenTheRunExitsWith1NamingTheBuildSwitchAndWritesNoRun()
    {
        // Given: validation accepts device: cuda (the GPU may be on the machine that runs the unit, not here)
        var experiment = Path.Combine(_temp, "gpu.yaml");
        File.WriteAllText(experiment, """
            name: gpu
            dataset: {type: synthetic, params: {seed: 3, train_traces: 20, test_normal_traces: 10, attack_traces_per_family: 2}}
            detectors:
              - {name: stide-4, type: stide, params: {window_length: 4}}
              - {name: lstm-gpu, type: lstm, params: {device: cuda, embedding_size: 8, hidden_size: 8}}
            evaluation: {bootstrap_resamples: 0}
            """);
        Assert.Equal(0, CliHarness.Run("validate", experiment).ExitCode);

        // When
        var (exitCode, output) = CliHarness.Run(experiment, "--output", Path.Combine(_temp, "results"));

        // Then
        Assert.Equal(1, exitCode);
        Assert.Contains("CPU-only libtorch", output, StringComparison.Ordinal);
        Assert.Contains("-p:SyscallBenchTorchBackend=cuda", output, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(Path.Combine(_temp, "results", "gpu")) ? Directory.GetDirectories(Path.Combine(_temp, "results", "gpu")) : []);
    }
}
