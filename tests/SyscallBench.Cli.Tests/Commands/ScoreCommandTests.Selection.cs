using System.Text.Json;
using System.Text.RegularExpressions;

namespace SyscallBench.Cli.Tests.Commands;

/// <summary>`score --dataset EXP --split S --label L`, `--calibrate` with a labels.csv, and strace lines mixed with a program's own output.</summary>
public sealed partial class ScoreCommandTests
{
    /// <summary>The console's text with the table output's line wrapping undone (runs of white space as one space).</summary>
    private static string Unwrapped(string output) => Regex.Replace(output, @"\s+", " ");

    [Fact]
    public void GivenTheCalibrationRecipe_WhenRunOnTheCommittedSample_ThenTheDatasetsTestTracesAreScoredByLabelAgainstALabelsCsvsNormals()
    {
        // Given stide-10 of the strace sample, and a recording's labels.csv to calibrate on (the README recipe records one with
        // tools/record-traces/record.sh; the sample's own stands in for it here)
        var (model, experiment, sample) = FitStide10OnTheStraceSample();
        var labels = Path.Combine(sample, "labels.csv");

        // When the README's two commands are run: the test normals, then the attacks
        var (normalExit, normal) = CliHarness.Run("score", "--model", model, "--dataset", experiment, "--split", "test", "--label", "normal",
            "--calibrate", labels, "--cache", Cache);
        var (attackExit, attack) = CliHarness.Run("score", "--model", model, "--dataset", experiment, "--split", "test", "--label", "attack",
            "--calibrate", labels, "--cache", Cache);

        // Then the threshold came from the labels.csv's normal rows (its attacks left out), and the 207 normal and 180 attack
        // processes of the test split were scored, each named by its trace id
        Assert.True(normalExit == 0, normal);
        Assert.True(attackExit == 0, attack);
        (normal, attack) = (Unwrapped(normal), Unwrapped(attack));
        Assert.Contains("normal rows of", normal, StringComparison.Ordinal);
        Assert.Contains("(180 attack rows left out)", normal, StringComparison.Ordinal);
        Assert.Contains("scoring the 207 normal traces of the test split of dataset 'trace-folder'", normal, StringComparison.Ordinal);
        Assert.Matches(@"207 processes, \d+ windows, \d+ alerts", normal);
        Assert.Contains("scoring the 180 attack traces of the test split", attack, StringComparison.Ordinal);
        Assert.Matches(@"180 processes, \d+ windows, [1-9]\d* alerts", attack);
        Assert.Contains("(cached)", attack, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenADatasetSelection_WhenScoredAsJsonLines_ThenTheCalibrationLineSaysWhichTracesAndTheAttackAlerts()
    {
        var model = FitStideOnTraceFolder();
        var experiment = Path.Combine(_temp, "score-test.yaml");

        var (exitCode, output) = CliHarness.Run("score", "--model", model, "--dataset", experiment, "--split", "test", "--label", "attack",
            "--window-calls", "7", "--format", "jsonl", "--cache", Cache);

        Assert.True(exitCode == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.StartsWith("the 1 attack trace of the test split of dataset 'trace-folder'", lines[0].GetProperty("input").GetString(), StringComparison.Ordinal);
        var trace = Assert.Single(lines, l => l.GetProperty("type").GetString() == "trace");
        Assert.Equal("a0.txt", trace.GetProperty("process").GetString());
        Assert.Contains(lines, l => l.GetProperty("type").GetString() == "alert");
    }

    public static TheoryData<string[], string> BadSelections => new()
    {
        { ["--dataset", "{experiment}", "--label", "benign"], "--label must be normal or attack, got 'benign'" },
        { ["--dataset", "{experiment}", "--split", "dev"], "--split must be one of train, validation, test, got 'dev'" },
        { ["--dataset", "{experiment}", "--split", "validation"], "--split validation: dataset 'trace-folder'" },
        { ["-", "--split", "test"], "--split and --label pick traces of --dataset EXPERIMENT; give it too" },
        { ["-", "--dataset", "{experiment}"], "give exactly one of INPUT (a file, a folder or -), --cgroup PATH, --container NAME and --dataset EXPERIMENT (2 given)" },
    };

    [Theory]
    [MemberData(nameof(BadSelections))]
    public void GivenASelectionThatCannotBeMade_WhenScoring_ThenExit1WithAMessageNamingTheOption(string[] arguments, string message)
    {
        var model = FitStideOnTraceFolder();
        var experiment = Path.Combine(_temp, "score-test.yaml");

        var (exitCode, output) = CliHarness.RunWithInput(StraceText(),
            ["score", "--model", model, .. arguments.Select(a => a.Replace("{experiment}", experiment)), "--cache", Cache]);

        Assert.Equal(1, exitCode);
        Assert.Contains(message, Unwrapped(output), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Cache), "nothing was calibrated");
    }

    [Fact]
    public void GivenAProgramsOwnOutputMixedIntoStraceOnStandardInput_WhenScored_ThenOneWarningCountsTheSkippedLinesAndSaysWhatWorks()
    {
        // Given `strace -o /dev/stdout CMD |`: CMD's lines among strace's, one glued onto the end of a write line as strace 6.1 does
        var model = FitStideOnTraceFolder();
        var lines = StraceText().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines.Insert(3, "hello from the traced program");
        lines.Insert(10, "100  10:00:00.020000 write(1, \"hi\\n\", 3hi");
        lines.Insert(11, ") = 3");

        // When
        var (exitCode, output) = CliHarness.RunWithInput(string.Join("\n", lines) + "\n", "score", "--model", model, "-", "--window-calls", "7", "--cache", Cache);

        // Then scoring went on, and one warning says how many lines were skipped, why, and the ways that keep them apart
        Assert.True(exitCode == 0, output);
        var text = Unwrapped(output);
        Assert.Single(Regex.Matches(text, "lines were not strace output"));
        Assert.Contains("stdin: 3 lines were not strace output and skipped; first: stdin:4: not a strace line", text, StringComparison.Ordinal);
        Assert.Contains("'hello from the traced program'", text, StringComparison.Ordinal);
        Assert.Contains("strace -f -tt -o >(score --model M -) CMD", text, StringComparison.Ordinal);
        Assert.Contains("mkfifo /tmp/trace", text, StringComparison.Ordinal);
        Assert.Contains("strace -f -tt -p PID -o /dev/stdout | score --model M -", text, StringComparison.Ordinal);
        Assert.Contains("pid100", output, StringComparison.Ordinal);
    }
}
