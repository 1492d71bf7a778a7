namespace SyscallBench.Core.Evaluation;

/// <summary>What the bootstrap resamples (<c>evaluation.bootstrap</c>).</summary>
public enum BootstrapUnit
{
    /// <summary>Clusters when the test set holds identical traces of one label, single traces otherwise.</summary>
    Auto,

    /// <summary>Single traces, as if every trace were independent.</summary>
    Trace,

    /// <summary>Groups of identical traces of one label, drawn whole (<see cref="TraceClusters"/>).</summary>
    Cluster,
}
