using Spectre.Console;

namespace SyscallBench.Cli.Tests;

/// <summary>The documented exit codes: 0 ok, 1 bad input or environment, 2 an exporter failed, 3 a bug.</summary>
[Collection("Cli")]
public sealed class ExitCodeTests
{
    [Fact]
    public void GivenAnUnexpectedException_WhenReported_ThenTheExitCodeIs3NotTheExporterCode2()
    {
        // Given a bug (the issue: crashes exited 2, the code the README gives a failed exporter)
        var writer = new StringWriter();
        var previous = AnsiConsole.Console;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        try
        {
            // When it reaches the top
            var code = CliApp.Fail(new NullReferenceException("boom"), []);

            // Then it has its own code and the stack trace is shown
            Assert.Equal(3, code);
            Assert.Equal(CliApp.ExitInternalError, code);
            Assert.NotEqual(CliApp.ExitExportFailed, code);
            Assert.Contains("internal error", writer.ToString(), StringComparison.Ordinal);
            Assert.Contains("NullReferenceException: boom", writer.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            AnsiConsole.Console = previous;
        }
    }

    [Theory]
    [InlineData(typeof(UnauthorizedAccessException), "Access to the path '/x/y' is denied.")]
    [InlineData(typeof(IOException), "No space left on device : '/x/y'")]
    public void GivenAnEnvironmentFailure_WhenReported_ThenItIsAUserErrorWithTheMessageAndNoStackTrace(Type type, string message)
    {
        // Given a failure of the machine, not of the tool
        var writer = new StringWriter();
        var previous = AnsiConsole.Console;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        try
        {
            // When it reaches the top
            var code = CliApp.Fail((Exception)Activator.CreateInstance(type, message)!, []);

            // Then it exits 1 with the message naming the path
            Assert.Equal(1, code);
            Assert.Contains(message, writer.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("internal error", writer.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            AnsiConsole.Console = previous;
        }
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-2")]
    public void GivenParallelThatIsNotAPositiveWholeNumber_WhenRun_ThenItIsRefusedNamingTheOption(string value)
    {
        // Given --parallel abc (it said "Failed to convert 'abc' to Nullable`1.") or '' (it ran silently)
        // When the quickstart is run with it
        var (exitCode, output) = CliHarness.Run(CliHarness.Experiment("quickstart.yaml"), "--parallel", value, "--output", Path.GetTempPath());

        // Then the option and its value are named, and nothing ran
        Assert.Equal(1, exitCode);
        Assert.Contains($"--parallel {(value.Length == 0 ? "''" : value)}: give a whole number of at least 1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ROC AUC", output, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenANumberOptionWithText_WhenParsed_ThenTheMessageNamesTheOption()
    {
        // Given score's --window-calls with a word
        // When it is parsed
        var (exitCode, output) = CliHarness.Run("score", "--model", "no-such-model", "no-such-input", "--window-calls", "abc");

        // Then the option is named instead of .NET's type name
        Assert.Equal(1, exitCode);
        Assert.Contains("--window-calls 'abc': not a valid number.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable", output, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnOutputFolderThatIsAFile_WhenRun_ThenTheExitCodeIs1AndThePathIsNamed()
    {
        // Given --output naming a file (the issue's --output /etc/passwd)
        var file = Path.GetTempFileName();
        try
        {
            // When the quickstart is run into it
            var (exitCode, output) = CliHarness.Run(CliHarness.Experiment("quickstart.yaml"), "--output", file);

            // Then a user error naming the path, not an internal error with a stack trace
            Assert.True(exitCode == 1, output);
            Assert.Contains(file, output, StringComparison.Ordinal);
            Assert.DoesNotContain("internal error", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [RootWithTmpfsFact]
    public void GivenAFullDisk_WhenRun_ThenTheExitCodeIs1WithTheCauseAndNoRunFolder()
    {
        // Given a 64 KiB tmpfs as the results folder: too small for the fitted models (with 1 MB the models fit and
        // only report.html fails, which is exit 2, an exporter failure with the other files kept)
        var mountPoint = Directory.CreateTempSubdirectory("syscallbench-full-").FullName;
        Assert.Equal(0, RootWithTmpfsFactAttribute.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint));
        try
        {
            // When the quickstart is run into it
            var (exitCode, output) = CliHarness.Run(CliHarness.Experiment("quickstart.yaml"), "--output", mountPoint);

            // Then a user error with the cause, and no committed run folder
            Assert.True(exitCode == 1, output);
            Assert.Contains("No space left on device", output, StringComparison.Ordinal);
            Assert.DoesNotContain("internal error", output, StringComparison.Ordinal);
            var runs = Path.Combine(mountPoint, "quickstart");
            Assert.True(!Directory.Exists(runs) || Directory.GetDirectories(runs).All(d => Path.GetFileName(d).StartsWith('.')), "no committed run");
        }
        finally
        {
            RootWithTmpfsFactAttribute.Command("umount", mountPoint);
            Directory.Delete(mountPoint, recursive: true);
        }
    }
}

/// <summary>A fact that mounts a small tmpfs: needs Linux, root and mount(8); skipped elsewhere, saying so.</summary>
public sealed class RootWithTmpfsFactAttribute : FactAttribute
{
    public RootWithTmpfsFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/bin/mount"))
        {
            Skip = "Needs Linux, root and mount(8) to make a full disk (a 64 KiB tmpfs); CI runs as root on Debian 12.";
        }
    }

    public static int Command(string name, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(name, arguments) { RedirectStandardError = true })!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
