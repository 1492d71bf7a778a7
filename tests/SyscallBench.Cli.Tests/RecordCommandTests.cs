using System.IO.Compression;
using System.Text.Json;
using SyscallBench.Core.Recording;

namespace SyscallBench.Cli.Tests;

/// <summary>`record`'s arguments: one target, a valid engine and buffer; errors on standard error, exit code 1.</summary>
[Collection("Cli")]
public sealed class RecordCommandTests
{
    [Fact]
    public void GivenNoTarget_WhenRecording_ThenItSaysWhichTargetsThereAre()
    {
        var (exitCode, output) = CliHarness.Run("record", "out.zip");

        Assert.Equal(1, exitCode);
        Assert.Empty(output); // nothing on standard output: `record -` keeps it for .sc lines
        Assert.Contains("record needs exactly one of: -- COMMAND ARGS..., --cgroup PATH, --container NAME|ID, --all (none given)", CliHarness.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTwoTargets_WhenRecording_ThenItRefusesBoth()
    {
        var (exitCode, _) = CliHarness.Run("record", "out.zip", "--cgroup", "/sys/fs/cgroup/x", "--", "true");

        Assert.Equal(1, exitCode);
        Assert.Contains("(2 given)", CliHarness.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenEveryCgroupToStandardOutput_WhenRecording_ThenItExplainsWhyNot()
    {
        var (exitCode, _) = CliHarness.Run("record", "-", "--all");

        Assert.Equal(1, exitCode);
        Assert.Contains("--all cannot stream to standard output", CliHarness.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenABufferThatIsNoPowerOfTwo_WhenRecording_ThenItIsRefused()
    {
        var (exitCode, _) = CliHarness.Run("record", "out.zip", "--buffer-mb", "3", "--", "true");

        Assert.Equal(1, exitCode);
        Assert.Contains("--buffer-mb must be a power of two", CliHarness.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnUnknownEngine_WhenRecording_ThenTheEnginesAreListed()
    {
        var (exitCode, output) = CliHarness.Run("record", "out.zip", "--engine", "strace", "--", "true");

        Assert.Equal(1, exitCode);
        Assert.Contains("--engine must be one of auto, ring-buffer, bpftrace", output, StringComparison.Ordinal);
    }

    [RecordingFact]
    public void GivenADashAmongTheCommandsArguments_WhenRecorded_ThenTheCommandGetsItUnchanged()
    {
        // A lone "-" is the standard-stream token only before "--": `echo -` must print "-", not a token.
        var folder = Directory.CreateTempSubdirectory("syscallbench-record-").FullName;
        try
        {
            var output = Path.Combine(folder, "echo.zip");

            var (exitCode, printed) = CliHarness.Run("record", output, "--", "echo", "-");

            Assert.True(exitCode == 0, printed + CliHarness.Error);
            using var zip = ZipFile.OpenRead(output);
            using var json = JsonDocument.Parse(zip.GetEntry("echo.json")!.Open());
            Assert.Equal(["echo", "-"], json.RootElement.GetProperty("recorder").GetProperty("command").EnumerateArray().Select(a => a.GetString()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>A fact that runs only where `record -- COMMAND` can run, and says what is missing otherwise.</summary>
public sealed class RecordingFactAttribute : FactAttribute
{
    public RecordingFactAttribute()
    {
        if (CaptureEngines.WhyCannotRecordCommands(CaptureEngineChoice.Auto) is { } why)
        {
            Skip = $"Live recording skipped: {why} CI runs it as root with clang, libbpf-dev and bpftrace installed (.ci/run).";
        }
    }
}
