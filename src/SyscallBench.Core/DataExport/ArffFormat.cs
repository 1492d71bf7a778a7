using System.Globalization;
using System.Text;

namespace SyscallBench.Core.DataExport;

/// <summary>
/// WEKA's Attribute-Relation File Format. Features are written as sparse instances (`{index value, ...}`),
/// which WEKA reads natively: an n-gram matrix is mostly zeros. Attributes: trace_id (string), split and
/// family (nominal), one numeric attribute per feature slot, and label {normal, attack} last, where WEKA
/// looks for the class by default. Sequences: the calls as one string attribute of space-separated syscall
/// numbers (and names), for WEKA's StringToWordVector.
/// </summary>
/// <remarks>Written by hand: no .NET library writes ARFF. Format: https://waikato.github.io/weka-wiki/formats_and_processing/arff_stable/
/// (quoting: single quotes, backslash escapes).</remarks>
public sealed class ArffFormat : IDataFormat
{
    public string Name => "arff";

    public string Extension => "arff";

    public bool CanHoldSequences => true;

    public void WriteFeatures(Stream stream, FeatureTable table)
    {
        using var writer = Writer(stream);
        writer.WriteLine($"@relation {Quote(table.Relation)}");
        writer.WriteLine();
        writer.WriteLine("@attribute trace_id string");
        writer.WriteLine($"@attribute split {{train,test}}");
        writer.WriteLine($"@attribute family {Nominal(FamilyValues(table.Families))}");
        foreach (var slot in table.SlotNames)
        {
            writer.WriteLine($"@attribute {Quote("ngram " + slot)} numeric");
        }

        var labelIndex = 3 + table.SlotNames.Count;
        writer.WriteLine("@attribute label {normal,attack}");
        writer.WriteLine();
        writer.WriteLine("@data");
        var line = new StringBuilder();
        foreach (var row in table.Rows)
        {
            line.Clear();
            // Sparse instances omit zeros; the three leading nominal/string values and the label are always given.
            line.Append("{0 ").Append(Quote(row.Trace.Id))
                .Append(",1 ").Append(row.Trace.Split)
                .Append(",2 ").Append(Quote(FamilyValue(row.Trace.Family)));
            for (var k = 0; k < row.Indices.Length; k++)
            {
                line.Append(',').Append((3 + row.Indices[k]).ToString(CultureInfo.InvariantCulture))
                    .Append(' ').Append(row.Values[k].ToString("R", CultureInfo.InvariantCulture));
            }

            line.Append(',').Append(labelIndex.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(row.Trace.LabelName).Append('}');
            writer.WriteLine(line);
        }
    }

    public void WriteSequences(Stream stream, SequenceTable table)
    {
        using var writer = Writer(stream);
        var withNames = table.Rows.Count > 0 && table.Rows[0].Names is not null;
        writer.WriteLine($"@relation {Quote(table.Relation)}");
        writer.WriteLine();
        writer.WriteLine("@attribute trace_id string");
        writer.WriteLine("@attribute split {train,test}");
        writer.WriteLine($"@attribute family {Nominal(FamilyValues(table.Families))}");
        writer.WriteLine("@attribute length numeric");
        writer.WriteLine("@attribute calls string");
        if (withNames)
        {
            writer.WriteLine("@attribute names string");
        }

        writer.WriteLine("@attribute label {normal,attack}");
        writer.WriteLine();
        writer.WriteLine("@data");
        foreach (var row in table.Rows)
        {
            var fields = new List<string>
            {
                Quote(row.Trace.Id), row.Trace.Split, Quote(FamilyValue(row.Trace.Family)),
                row.Calls.Length.ToString(CultureInfo.InvariantCulture),
                Quote(string.Join(' ', row.Calls.Select(c => c.ToString(CultureInfo.InvariantCulture)))),
            };
            if (withNames)
            {
                fields.Add(Quote(string.Join(' ', row.Names!)));
            }

            fields.Add(row.Trace.LabelName);
            writer.WriteLine(string.Join(',', fields));
        }
    }

    /// <summary>What a normal trace without a family is called in the nominal family attribute.</summary>
    public const string NoFamily = "none";

    private static string FamilyValue(string? family) => family ?? NoFamily;

    private static IEnumerable<string> FamilyValues(IReadOnlyList<string> families) =>
        families.Contains(NoFamily, StringComparer.Ordinal) ? families : [NoFamily, .. families];

    private static string Nominal(IEnumerable<string> values) => "{" + string.Join(',', values.Select(Quote)) + "}";

    /// <summary>A single-quoted ARFF string: backslash and quote escaped, control characters as escapes.</summary>
    internal static string Quote(string text)
    {
        var quoted = new StringBuilder("'");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return quoted.Append('\'').ToString();
    }

    private static StreamWriter Writer(Stream stream) => new(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
}
