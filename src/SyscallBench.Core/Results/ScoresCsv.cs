using System.Globalization;
using Microsoft.Data.Analysis;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Export;
using SyscallBench.Core.Splits;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Results;

/// <summary>
/// scores.csv: one row per split, detector, seed and test trace (trace id, label, family, score), written by
/// <see cref="ScoresCsvExporter"/> and read back by <see cref="RunResultReader"/>; its columns are listed here only.
/// </summary>
public static class ScoresCsv
{
    /// <summary>The columns, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["trace", "label", "family", "split", "detector", "seed", "score"];

    private static readonly string Header = string.Join(',', Columns);

    /// <summary>The header of runs written before splits existed.</summary>
    private static readonly string HeaderWithoutSplits = string.Join(',', Columns.Where(c => c != "split"));

    /// <summary>The scores of every result, in result order, each in its test set's order.</summary>
    public static DataFrame Build(RunResult result)
    {
        var rows = result.Detectors.SelectMany(r => r.Scores.Select(s => (Result: r, Score: s))).ToArray();
        return new DataFrame(
            new StringDataFrameColumn(Columns[0], rows.Select(r => r.Score.TraceId)),
            new StringDataFrameColumn(Columns[1], rows.Select(r => r.Score.Label.ToString().ToLowerInvariant())),
            new StringDataFrameColumn(Columns[2], rows.Select(r => r.Score.Family ?? "")),
            new StringDataFrameColumn(Columns[3], rows.Select(r => r.Result.Split)),
            new StringDataFrameColumn(Columns[4], rows.Select(r => r.Result.Detector)),
            new Int32DataFrameColumn(Columns[5], rows.Select(r => r.Result.Seed)),
            new DoubleDataFrameColumn(Columns[6], rows.Select(r => r.Score.Score)));
    }

    /// <summary>
    /// The scores of every unit, keyed by (split, detector, seed), each in the file's (dataset) order; runs
    /// written before splits existed lack the split column (all official).
    /// </summary>
    /// <exception cref="SyscallBenchException">A line is malformed (the message names the file and line).</exception>
    public static Dictionary<(string Split, string Detector, int Seed), List<ScoredTrace>> Read(string path)
    {
        var scores = new Dictionary<(string, string, int), List<ScoredTrace>>();
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        var hasSplit = header == Header;
        if (!hasSplit && header != HeaderWithoutSplits)
        {
            throw new SyscallBenchException($"{path}:1: unexpected header '{header}'.");
        }

        var trailing = hasSplit ? 6 : 5;

        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            // Trace ids are dataset paths: the trailing fields never hold commas, the id may.
            var fields = line.Split(',');
            if (fields.Length < trailing + 1)
            {
                throw new SyscallBenchException($"{path}:{lineNumber}: expected {trailing + 1} fields, found {fields.Length}.");
            }

            var n = fields.Length;
            var id = string.Join(',', fields[..(n - trailing)]);
            var label = fields[n - trailing] switch
            {
                "attack" => TraceLabel.Attack,
                "normal" => TraceLabel.Normal,
                var other => throw new SyscallBenchException($"{path}:{lineNumber}: unknown label '{other}'."),
            };
            if (!int.TryParse(fields[n - 2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
                || !double.TryParse(fields[n - 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
            {
                throw new SyscallBenchException($"{path}:{lineNumber}: seed or score is not a number.");
            }

            var key = (hasSplit ? fields[n - 4] : DataSplit.Official, fields[n - 3], seed);
            if (!scores.TryGetValue(key, out var list))
            {
                scores[key] = list = [];
            }

            var family = fields[n - trailing + 1];
            list.Add(new ScoredTrace(id, label, family.Length == 0 ? null : family, score));
        }

        return scores;
    }
}
