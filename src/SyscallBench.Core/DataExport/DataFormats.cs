namespace SyscallBench.Core.DataExport;

/// <summary>The formats `export` writes, by name.</summary>
public static class DataFormats
{
    public static IDataFormat Arff { get; } = new ArffFormat();

    public static IDataFormat SvmLight { get; } = new SvmLightFormat();

    public static IDataFormat Csv { get; } = new CsvFormat();

    public static IDataFormat Parquet { get; } = new ParquetFormat();

    public static IReadOnlyList<IDataFormat> All { get; } = [Arff, SvmLight, Csv, Parquet];

    /// <exception cref="SyscallBenchException">An unknown name; the message lists the known ones.</exception>
    public static IDataFormat Parse(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new SyscallBenchException($"--format '{name}': not a known format; use one of {string.Join(", ", All.Select(f => f.Name))}.");
}
