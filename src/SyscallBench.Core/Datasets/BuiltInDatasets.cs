namespace SyscallBench.Core.Datasets;

/// <summary>The registry lines of the built-in dataset types.</summary>
public static class BuiltInDatasets
{
    public static IReadOnlyList<DatasetDescriptor> Descriptors { get; } =
    [
        AdfaLdDataset.Descriptor,
        GeneralizationDataset.Descriptor,
        LidDs.LidDsDataset.Descriptor,
        SyntheticDataset.Descriptor,
        TraceFolderDataset.Descriptor,
    ];
}
