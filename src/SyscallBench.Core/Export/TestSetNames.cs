using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Results;

namespace SyscallBench.Core.Export;

/// <summary>The names the result files give test sets and bootstrap units, as the config spells them.</summary>
public static class TestSetNames
{
    public static string Of(TestSetProtocol protocol) => EvaluationOptions.TestSetNames[(int)protocol];

    public static string Of(BootstrapUnit unit) => unit switch
    {
        BootstrapUnit.Cluster => "cluster",
        BootstrapUnit.Trace => "trace",
        _ => "auto",
    };

    /// <summary>
    /// True when some result is on another test set than all of the traces, has other test sets, or resampled
    /// clusters: only then do the files say which (so runs on the literature's protocol stay as they were).
    /// </summary>
    public static bool Describes(RunResult result) =>
        result.Detectors.Any(r => r.Evaluation.TestSet != TestSetProtocol.All || r.OtherTestSets.Count > 0
            || r.Evaluation.BootstrapUnit == BootstrapUnit.Cluster);
}
