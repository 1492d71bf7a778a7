using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.Ensemble;
using SyscallBench.Lstm;
using SyscallBench.MLNet;

namespace SyscallBench.Cli.Tests;

public sealed class DetectorCatalogTests
{
    [Fact]
    public void GivenTheCliCatalog_WhenListed_ThenEveryTypeComesFromAProjectListWhoseTestsRunTheDetectorContract()
    {
        // The contract suite (tests/SyscallBench.TestSupport) runs in Core.Tests over Core's list and the ensemble,
        // in MLNet.Tests over MLNetDetectors.Descriptors and in Lstm.Tests over LstmDetectors.Descriptors.
        string[] covered = [.. DetectorRegistry.CoreDescriptors.Select(d => d.Type), EnsembleDetector.TypeName,
            .. MLNetDetectors.Descriptors.Select(d => d.Type), .. LstmDetectors.Descriptors.Select(d => d.Type)];

        Assert.Equal(covered.Order(StringComparer.Ordinal), DetectorCatalog.Detectors.Types);
    }
}
