using SyscallBench.Core.DataExport;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.DataExport;

public sealed class DataFormatsTests
{
    private static readonly FeatureTable Table = new("exp-test", ["3", "3|5", "<unseen>"],
    [
        new FeatureRow(new ExportedTrace("test", "it's,odd", TraceLabel.Attack, "Web_Shell"), [0, 2], [0.6, 0.8]),
        new FeatureRow(new ExportedTrace("test", "n1", TraceLabel.Normal, null), [1], [1.0]),
    ], ["Web_Shell"]);

    private static string Write(IDataFormat format, FeatureTable table)
    {
        using var stream = new MemoryStream();
        format.WriteFeatures(stream, table);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void GivenSparseRows_WhenWrittenAsArff_ThenEveryRowIsASparseInstanceWithQuotedIdAndTheLabelLast()
    {
        // When written as ARFF
        var arff = Write(DataFormats.Arff, Table);

        // Then attributes are declared in order, the label last, and rows are sparse with escaped strings
        Assert.Contains("@attribute family {'none','Web_Shell'}\n@attribute 'ngram 3' numeric\n@attribute 'ngram 3|5' numeric\n@attribute 'ngram <unseen>' numeric\n@attribute label {normal,attack}\n", arff, StringComparison.Ordinal);
        Assert.Contains("{0 'it\\'s,odd',1 test,2 'Web_Shell',3 0.6,5 0.8,6 attack}\n", arff, StringComparison.Ordinal);
        Assert.Contains("{0 'n1',1 test,2 'none',4 1,6 normal}\n", arff, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenSparseRows_WhenWrittenAsSvmlightAndCsv_ThenSvmlightIsZeroBasedAndCsvIsDenseWithQuotedFields()
    {
        // When written as svmlight and CSV
        var svmlight = Write(DataFormats.SvmLight, Table);
        var csv = Write(DataFormats.Csv, Table);

        // Then svmlight has label 1 for attacks and 0-based indices; CSV has every slot, quoting the id with a comma
        Assert.Equal("1 0:0.6 2:0.8\n0 1:1\n", svmlight);
        Assert.Equal("trace_id,split,label,family,ngram 3,ngram 3|5,ngram <unseen>\n\"it's,odd\",test,attack,Web_Shell,0.6,0,0.8\nn1,test,normal,,0,1,0\n", csv);
    }

    [Fact]
    public void GivenAnUnknownFormatName_WhenParsed_ThenTheErrorListsTheKnownOnes()
    {
        // When an unknown name is parsed
        var error = Assert.Throws<SyscallBenchException>(() => DataFormats.Parse("xlsx"));

        // Then the message lists every format
        Assert.Contains("arff, svmlight, csv, parquet", error.Message, StringComparison.Ordinal);
    }
}
