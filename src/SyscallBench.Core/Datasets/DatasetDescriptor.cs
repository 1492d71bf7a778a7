using SyscallBench.Core.Config;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Datasets;

/// <summary>What a dataset loader may use besides its options.</summary>
/// <param name="BaseDirectory">Relative paths in the config resolve against this (the config file's folder).</param>
/// <param name="Status">Optional sink for short status lines ("reading Attack_Data_Master ...").</param>
public sealed record DatasetContext(string BaseDirectory, IProgress<string>? Status = null)
{
    public string Resolve(string path) => Path.GetFullPath(Path.Combine(BaseDirectory, path));
}

/// <summary>One dataset type of the YAML `dataset.type` field: name, options, loader.</summary>
public sealed class DatasetDescriptor
{
    private readonly Func<IOptions, DatasetContext, LabeledDataset> _load;

    private DatasetDescriptor(string type, string summary, Type optionsType, Func<IOptions, DatasetContext, LabeledDataset> load)
    {
        Type = type;
        Summary = summary;
        OptionsType = optionsType;
        _load = load;
    }

    public string Type { get; }

    public string Summary { get; }

    public Type OptionsType { get; }

    public IReadOnlyList<ParameterDescription> Parameters => OptionsSchema.Describe(OptionsType);

    public static DatasetDescriptor Create<TOptions>(string type, string summary,
        Func<TOptions, DatasetContext, LabeledDataset> load)
        where TOptions : class, IOptions, new() =>
        new(type, summary, typeof(TOptions), (options, context) => load((TOptions)options, context));

    /// <summary>Loads the dataset; throws <see cref="DatasetException"/> naming the file and place on bad data.</summary>
    public LabeledDataset Load(IOptions options, DatasetContext context) => _load(options, context);
}

/// <summary>The one map from YAML dataset type names to loaders.</summary>
public sealed class DatasetRegistry
{
    private readonly Dictionary<string, DatasetDescriptor> _byType;

    public DatasetRegistry(IEnumerable<DatasetDescriptor> descriptors) =>
        _byType = descriptors.ToDictionary(d => d.Type, StringComparer.Ordinal);

    public static DatasetRegistry Default { get; } = new(BuiltInDatasets.Descriptors);

    public IReadOnlyList<DatasetDescriptor> All => _byType.Values.OrderBy(d => d.Type, StringComparer.Ordinal).ToArray();

    public IReadOnlyList<string> Types => All.Select(d => d.Type).ToArray();

    public DatasetDescriptor? Find(string type) => _byType.GetValueOrDefault(type);
}
