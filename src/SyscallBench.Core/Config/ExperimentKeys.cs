namespace SyscallBench.Core.Config;

/// <summary>
/// The top-level keys of an experiment file: what the reader accepts and the order in which a run's
/// config.yaml writes them. The one list of them.
/// </summary>
public static class ExperimentKeys
{
    public const string Name = "name";
    public const string Description = "description";
    public const string Dataset = "dataset";
    public const string Datasets = "datasets";
    public const string Detectors = "detectors";
    public const string Evaluation = "evaluation";
    public const string Seeds = "seeds";
    public const string Output = "output";
    public const string SaveModels = "save_models";
    public const string Split = "split";
    public const string LearningCurve = "learning_curve";
    public const string Parallel = "parallel";
    public const string OverTime = "over_time";

    /// <summary>Every key, in the order config.yaml writes them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Name, Description, Dataset, Datasets, Detectors, Evaluation, Seeds, Output, SaveModels, Split, LearningCurve, Parallel, OverTime];
}
