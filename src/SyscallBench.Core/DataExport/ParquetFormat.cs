using Parquet.Serialization;

namespace SyscallBench.Core.DataExport;

/// <summary>
/// Apache Parquet through Parquet.Net's serializer. Features are sparse, one row per trace: trace_id, split,
/// label, family, feature_indices (list of int32, 0-based) and feature_values (list of double); the slot
/// names are in features.json. Sequences: trace_id, split, label, family, calls (list of int32) and names
/// (list of string) when known. pandas.read_parquet reads both (lists as arrays).
/// </summary>
public sealed class ParquetFormat : IDataFormat
{
    public string Name => "parquet";

    public string Extension => "parquet";

    public bool CanHoldSequences => true;

    public void WriteFeatures(Stream stream, FeatureTable table) =>
        Serialize(stream, table.Rows.Select(r => new FeatureRecord
        {
            TraceId = r.Trace.Id,
            Split = r.Trace.Split,
            Label = r.Trace.LabelName,
            Family = r.Trace.Family,
            FeatureIndices = [.. r.Indices],
            FeatureValues = [.. r.Values],
        }).ToList());

    public void WriteSequences(Stream stream, SequenceTable table) =>
        Serialize(stream, table.Rows.Select(r => new SequenceRecord
        {
            TraceId = r.Trace.Id,
            Split = r.Trace.Split,
            Label = r.Trace.LabelName,
            Family = r.Trace.Family,
            Calls = [.. r.Calls],
            Names = r.Names is null ? null : [.. r.Names],
        }).ToList());

    private static void Serialize<T>(Stream stream, IReadOnlyList<T> rows)
    {
        // Parquet.Net seeks back to write the footer; the file stream AtomicFile gives is seekable.
        ParquetSerializer.SerializeAsync(rows, stream).GetAwaiter().GetResult();
    }

    /// <summary>A feature row as Parquet.Net serializes it (column names from JsonPropertyName).</summary>
    public sealed class FeatureRecord
    {
        [System.Text.Json.Serialization.JsonPropertyName("trace_id")]
        public string TraceId { get; set; } = "";

        [System.Text.Json.Serialization.JsonPropertyName("split")]
        public string Split { get; set; } = "";

        [System.Text.Json.Serialization.JsonPropertyName("label")]
        public string Label { get; set; } = "";

        [System.Text.Json.Serialization.JsonPropertyName("family")]
        public string? Family { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("feature_indices")]
        public List<int> FeatureIndices { get; set; } = [];

        [System.Text.Json.Serialization.JsonPropertyName("feature_values")]
        public List<double> FeatureValues { get; set; } = [];
    }

    /// <summary>A sequence row as Parquet.Net serializes it.</summary>
    public sealed class SequenceRecord
    {
        [System.Text.Json.Serialization.JsonPropertyName("trace_id")]
        public string TraceId { get; set; } = "";

        [System.Text.Json.Serialization.JsonPropertyName("split")]
        public string Split { get; set; } = "";

        [System.Text.Json.Serialization.JsonPropertyName("label")]
        public string Label { get; set; } = "";

        [System.Text.Json.Serialization.JsonPropertyName("family")]
        public string? Family { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("calls")]
        public List<int> Calls { get; set; } = [];

        [System.Text.Json.Serialization.JsonPropertyName("names")]
        public List<string>? Names { get; set; }
    }
}
