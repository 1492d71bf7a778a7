using System.Globalization;
using System.Text;

namespace SyscallBench.Core.DataExport;

/// <summary>
/// The svmlight / libsvm format scikit-learn's load_svmlight_file reads: `label index:value ...` per line,
/// label 1 = attack and 0 = normal, 0-based feature indices (load with zero_based=True and n_features from
/// features.json), values with round-trip precision. The format has no room for trace ids: `export` writes
/// them beside it in the same order (NAME.ids.csv).
/// </summary>
/// <remarks>Written by hand: a line per row is the whole format, and no .NET library writes it.</remarks>
public sealed class SvmLightFormat : IDataFormat
{
    public string Name => "svmlight";

    public string Extension => "svmlight";

    public bool CanHoldSequences => false;

    public void WriteFeatures(Stream stream, FeatureTable table)
    {
        using var writer = new StreamWriter(stream, Encoding.ASCII, leaveOpen: true) { NewLine = "\n" };
        var line = new StringBuilder();
        foreach (var row in table.Rows)
        {
            line.Clear().Append(row.Trace.Label == Traces.TraceLabel.Attack ? '1' : '0');
            for (var k = 0; k < row.Indices.Length; k++)
            {
                line.Append(' ').Append(row.Indices[k].ToString(CultureInfo.InvariantCulture))
                    .Append(':').Append(row.Values[k].ToString("R", CultureInfo.InvariantCulture));
            }

            writer.WriteLine(line);
        }
    }

    public void WriteSequences(Stream stream, SequenceTable table) =>
        throw new NotSupportedException("svmlight holds numbers only; sequences are written as CSV.");
}
