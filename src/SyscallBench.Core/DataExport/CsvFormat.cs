using System.Globalization;
using System.Text;

namespace SyscallBench.Core.DataExport;

/// <summary>
/// Comma-separated values with a header. Features: trace_id, split, label, family, then one column per
/// feature slot (dense: every zero written, so pandas.read_csv or numpy.loadtxt reads it as it is; for large
/// vocabularies svmlight or arff are far smaller). Sequences: trace_id, split, label, family, length, calls
/// (space-separated syscall numbers) and names when known.
/// </summary>
/// <remarks>Written by hand rather than with Microsoft.Data.Analysis' SaveCsv: a DataFrame of tens of thousands
/// of columns is built column by column in memory, while this streams one row at a time.</remarks>
public sealed class CsvFormat : IDataFormat
{
    public string Name => "csv";

    public string Extension => "csv";

    public bool CanHoldSequences => true;

    public void WriteFeatures(Stream stream, FeatureTable table)
    {
        using var writer = Writer(stream);
        writer.WriteLine(string.Join(',', new[] { "trace_id", "split", "label", "family" }.Concat(table.SlotNames.Select(s => Field("ngram " + s)))));
        var dense = new double[table.SlotNames.Count];
        var line = new StringBuilder();
        foreach (var row in table.Rows)
        {
            Array.Clear(dense);
            for (var k = 0; k < row.Indices.Length; k++)
            {
                dense[row.Indices[k]] = row.Values[k];
            }

            line.Clear().Append(Field(row.Trace.Id)).Append(',').Append(row.Trace.Split).Append(',').Append(row.Trace.LabelName)
                .Append(',').Append(Field(row.Trace.Family ?? ""));
            foreach (var value in dense)
            {
                line.Append(',').Append(value == 0 ? "0" : value.ToString("R", CultureInfo.InvariantCulture));
            }

            writer.WriteLine(line);
        }
    }

    public void WriteSequences(Stream stream, SequenceTable table)
    {
        using var writer = Writer(stream);
        var withNames = table.Rows.Count > 0 && table.Rows[0].Names is not null;
        writer.WriteLine("trace_id,split,label,family,length,calls" + (withNames ? ",names" : ""));
        foreach (var row in table.Rows)
        {
            writer.WriteLine(string.Join(',', new[]
            {
                Field(row.Trace.Id), row.Trace.Split, row.Trace.LabelName, Field(row.Trace.Family ?? ""),
                row.Calls.Length.ToString(CultureInfo.InvariantCulture),
                string.Join(' ', row.Calls.Select(c => c.ToString(CultureInfo.InvariantCulture))),
            }.Concat(withNames ? [string.Join(' ', row.Names!)] : [])));
        }
    }

    /// <summary>RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled.</summary>
    public static string Field(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static StreamWriter Writer(Stream stream) => new(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
}
