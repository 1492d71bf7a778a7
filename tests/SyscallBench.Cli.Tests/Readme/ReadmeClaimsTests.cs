using System.Globalization;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Export;
using SyscallBench.Core.Results;
using SyscallBench.TestSupport.Datasets;

namespace SyscallBench.Cli.Tests.Readme;

/// <summary>
/// The README cannot drift: every table marked with a readme-check comment (<see cref="ReadmeTableClaim"/>) is
/// produced again by its command and compared cell by cell. The cheap tables (seconds) run in the test suite;
/// the slow ones (ADFA-LD-sized runs) in the opt-in job: SYSCALLBENCH_README_CHECK=all dotnet test --filter ReadmeClaims.
/// </summary>
[Collection("Cli")]
public sealed class ReadmeClaimsTests : IDisposable
{
    public const string OptInVariable = "SYSCALLBENCH_README_CHECK";

    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-readme-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static IReadOnlyList<ReadmeTableClaim> Claims() =>
        ReadmeTableClaim.Parse(File.ReadAllLines(Path.Combine(CliHarness.RepositoryRoot, "README.md")));

    [Fact]
    public void GivenTheReadme_WhenItsMarkersAreRead_ThenEachNamesATableOfTheSameShapeAndSomeAreCheap()
    {
        // When the markers are parsed (a marker that does not match its table throws, naming the line)
        var claims = Claims();

        // Then there are cheap ones for the test suite to run
        Assert.Contains(claims, c => c.Cost == "cheap");
    }

    [Fact]
    public void GivenTheCheapReadmeTables_WhenTheirCommandsRun_ThenEveryCheckedCellIsWhatTheReadmeSays() =>
        CheckAll(Claims().Where(c => c.Cost == "cheap"));

    [SlowReadmeClaimsFact]
    public void GivenTheSlowReadmeTables_WhenTheirCommandsRun_ThenEveryCheckedCellIsWhatTheReadmeSays() =>
        CheckAll(Claims().Where(c => c.Cost == "slow"));

    private void CheckAll(IEnumerable<ReadmeTableClaim> claims)
    {
        var problems = new List<string>();
        var checkedCells = 0;
        foreach (var claim in claims)
        {
            if (claim.Dataset == "adfa-ld" && new AdfaLdFactAttribute().Skip is { } why)
            {
                problems.Add($"README.md:{claim.Line}: needs ADFA-LD ({why})");
                continue;
            }

            var result = Run(claim);
            checkedCells += Compare(claim, result, problems);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(checkedCells > 0, "no README cell was checked");
    }

    /// <summary>Runs the claim's command in-process into a fresh folder and reads the run back (as `report` does).</summary>
    private RunResult Run(ReadmeTableClaim claim)
    {
        var output = Path.Combine(_temp, $"line-{claim.Line}");
        var arguments = claim.Command.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a.StartsWith("experiments/", StringComparison.Ordinal) ? Path.Combine(CliHarness.RepositoryRoot, a) : a)
            .Concat(["--output", output]).ToArray();
        var (exitCode, printed) = CliHarness.Run(arguments);
        Assert.True(exitCode == 0, $"README.md:{claim.Line}: `{claim.Command}` failed:\n{printed}");
        // OUTPUT/EXPERIMENT/RUN; the experiment folder also holds the unit cache, which has no manifest.
        var run = Directory.GetDirectories(output).SelectMany(Directory.GetDirectories)
            .Single(d => File.Exists(Path.Combine(d, RunFolder.ManifestFileName)));
        return new RunResultReader(DetectorCatalog.ConfigReader(), DetectorCatalog.Probes).Read(run);
    }

    private static int Compare(ReadmeTableClaim claim, RunResult result, List<string> problems)
    {
        var count = 0;
        for (var r = 0; r < claim.Rows.Count; r++)
        {
            if (claim.Rows[r] == "-")
            {
                continue;
            }

            var (detector, seed) = claim.Rows[r].Split('@') is [var name, var s] ? (name, int.Parse(s, CultureInfo.InvariantCulture)) : (claim.Rows[r], (int?)null);
            var found = result.MainResults.FirstOrDefault(d => d.Detector == detector && (seed is null || d.Seed == seed));
            if (found is null)
            {
                problems.Add($"README.md:{claim.Line}: `{claim.Command}` has no detector '{claim.Rows[r]}'");
                continue;
            }

            for (var c = 0; c < claim.Columns.Count; c++)
            {
                if (claim.Columns[c] == "-")
                {
                    continue;
                }

                var expected = Measured(claim.Columns[c], found);
                var written = ReadmeTableClaim.Numbers(claim.Cells[r][c]);
                if (written.Count == 0 || written.Count > expected.Count)
                {
                    problems.Add($"README.md:{claim.Line}: row {claim.Rows[r]}, column {claim.Columns[c]}: cannot read '{claim.Cells[r][c]}'");
                    continue;
                }

                for (var k = 0; k < written.Count; k++)
                {
                    var measured = expected[k] ?? double.NaN;
                    var shown = Math.Round(measured, written[k].Decimals, MidpointRounding.AwayFromZero)
                        .ToString("F" + written[k].Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                    count++;
                    if (shown != written[k].Text)
                    {
                        problems.Add($"README.md:{claim.Line}: {claim.Rows[r]} {claim.Columns[c]}: README says {written[k].Text}, `{claim.Command}` gives {shown} ({measured.ToString("R", CultureInfo.InvariantCulture)})");
                    }
                }
            }
        }

        return count;
    }

    /// <summary>
    /// The numbers a column shows, in the order a cell writes them (value, then its interval or achieved rate); a column
    /// COLUMN:TEST-SET (auc:distinct) reads the evaluation on that test set of evaluation.test_set instead of the first.
    /// </summary>
    private static IReadOnlyList<double?> Measured(string column, DetectorResult result)
    {
        var evaluation = result.Evaluation;
        if (column.Split(':') is [var measure, var testSet])
        {
            column = measure;
            evaluation = result.OtherTestSets.Prepend(result.Evaluation).FirstOrDefault(e => TestSetNames.Of(e.TestSet) == testSet)
                ?? throw new FormatException($"readme-check column '{column}:{testSet}': the run has no test set '{testSet}'");
        }

        switch (column)
        {
            case "auc":
                return [evaluation.RocAuc, evaluation.RocAucCi?.Lower, evaluation.RocAucCi?.Upper];
            case "ap":
                return [evaluation.AveragePrecision, evaluation.AveragePrecisionCi?.Lower, evaluation.AveragePrecisionCi?.Upper];
            case "far@dr":
                return [evaluation.FalseAlarmAtDetection.FalseAlarmRate];
        }

        if (column.StartsWith("dr@", StringComparison.Ordinal)
            && double.TryParse(column[3..], NumberStyles.Float, CultureInfo.InvariantCulture, out var target)
            && evaluation.OperatingPoints.FirstOrDefault(p => Math.Abs(p.TargetFalseAlarmRate - target) < 1e-12) is { } point)
        {
            return [point.DetectionRate, point.FalseAlarmRate];
        }

        throw new FormatException($"unknown readme-check column '{column}' (auc, ap, dr@RATE, far@dr, each optionally :TEST-SET, or -)");
    }
}

/// <summary>The slow README tables: opt-in (they refit detectors on ADFA-LD-sized data), skipped saying how to run them.</summary>
public sealed class SlowReadmeClaimsFactAttribute : FactAttribute
{
    public SlowReadmeClaimsFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(ReadmeClaimsTests.OptInVariable) != "all")
        {
            Skip = $"The slow README tables run only on request: {ReadmeClaimsTests.OptInVariable}=all dotnet test tests/SyscallBench.Cli.Tests --filter ReadmeClaims";
        }
    }
}
