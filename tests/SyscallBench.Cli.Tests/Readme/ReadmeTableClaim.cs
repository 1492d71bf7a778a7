using System.Globalization;
using System.Text.RegularExpressions;

namespace SyscallBench.Cli.Tests.Readme;

/// <summary>
/// A README table whose numbers a command produces, marked by an HTML comment on the line before the table:
/// <code>&lt;!-- readme-check cost=cheap|slow command="experiments/X.yaml --skip lstm" columns="-, auc, ap, dr@0.01, far@dr" rows="stide-6, -, ocsvm" --&gt;</code>
/// command: the run's arguments (paths from the repository root; the checker adds --output). columns: one token per
/// table column: auc and ap (the value, and its [lower, upper] interval when the cell shows one), dr@RATE (the
/// detection rate at that false-alarm target, and the achieved false-alarm rate when the cell shows one in
/// parentheses), far@dr (false alarms at the detection target), each optionally on another test set of the run
/// (auc:distinct), "-" for a column not checked (the detector's
/// prose name). rows: the detector name (in the run) of each table row, "-" for a row not checked; optionally
/// NAME@SEED for a seed other than the run's first. Optional dataset=adfa-ld: skipped, saying why, without ADFA-LD.
/// </summary>
/// <remarks>
/// A cell is checked as shown: each number in it must equal the measured value rounded to the decimals it is
/// written with, so the visible number is the claim (a marker never repeats a number that could drift from the text).
/// Several markers may stand on the lines before one table whose rows come from several commands. Other helpers
/// add their tables by adding a marker; nothing here lists them.
/// </remarks>
internal sealed record ReadmeTableClaim(int Line, string Cost, string Command, IReadOnlyList<string> Columns, IReadOnlyList<string> Rows,
    string? Dataset, IReadOnlyList<IReadOnlyList<string>> Cells)
{
    private static readonly Regex Marker = new(@"^<!--\s*readme-check\s+(?<attributes>.*?)\s*-->\s*$", RegexOptions.Compiled);
    private static readonly Regex Attribute = new(@"(?<name>[a-z]+)=(""(?<quoted>[^""]*)""|(?<bare>\S+))", RegexOptions.Compiled);

    /// <summary>Every marked table of the README, with its body rows' cells.</summary>
    /// <exception cref="FormatException">A marker lacks an attribute, is not followed by a table, or its columns or rows do not match the table's.</exception>
    public static IReadOnlyList<ReadmeTableClaim> Parse(IReadOnlyList<string> lines)
    {
        var claims = new List<ReadmeTableClaim>();
        for (var i = 0; i < lines.Count; i++)
        {
            // A marker starts its line: an indented one is an example in a code block.
            var match = Marker.Match(lines[i].TrimEnd());
            if (!match.Success)
            {
                continue;
            }

            var attributes = Attribute.Matches(match.Groups["attributes"].Value)
                .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["bare"].Value);
            string Required(string name) => attributes.TryGetValue(name, out var value)
                ? value
                : throw new FormatException($"README.md:{i + 1}: readme-check marker lacks {name}=.");
            var columns = List(Required("columns"));
            var rows = List(Required("rows"));
            var cost = Required("cost");
            if (cost is not ("cheap" or "slow"))
            {
                throw new FormatException($"README.md:{i + 1}: cost must be cheap or slow, got '{cost}'.");
            }

            // The table: a header, the |---| line, then the body rows. Several markers may stand before one table
            // (rows from several experiments), each checking its own rows.
            var start = i + 1;
            while (start < lines.Count && (lines[start].Trim().Length == 0 || Marker.IsMatch(lines[start].TrimEnd())))
            {
                start++;
            }

            var table = lines.Skip(start).TakeWhile(l => l.TrimStart().StartsWith('|')).ToArray();
            if (table.Length < 3)
            {
                throw new FormatException($"README.md:{i + 1}: a readme-check marker must be followed by a markdown table.");
            }

            var body = table.Skip(2).Select(CellsOf).ToArray();
            if (body.Length != rows.Count || body.Any(r => r.Count != columns.Count))
            {
                throw new FormatException($"README.md:{i + 1}: the marker names {rows.Count} rows x {columns.Count} columns; " +
                    $"the table has {body.Length} rows of {string.Join("/", body.Select(r => r.Count).Distinct())} columns.");
            }

            claims.Add(new ReadmeTableClaim(i + 1, cost, Required("command"), columns, rows, attributes.GetValueOrDefault("dataset"), body));
        }

        return claims;
    }

    private static IReadOnlyList<string> List(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static IReadOnlyList<string> CellsOf(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();

    /// <summary>The numbers written in a cell, in order, with the decimals each is written with.</summary>
    public static IReadOnlyList<(double Value, int Decimals, string Text)> Numbers(string cell) =>
        Regex.Matches(cell, @"-?\d+(\.\d+)?").Select(m => (double.Parse(m.Value, CultureInfo.InvariantCulture),
            m.Value.Contains('.', StringComparison.Ordinal) ? m.Value.Length - m.Value.IndexOf('.', StringComparison.Ordinal) - 1 : 0, m.Value)).ToArray();
}
