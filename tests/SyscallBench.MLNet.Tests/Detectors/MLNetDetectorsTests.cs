using SyscallBench.Core.Detection;
using SyscallBench.MLNet.Ocsvm;
using SyscallBench.MLNet.Pca;

namespace SyscallBench.MLNet.Tests.Detectors;

public sealed class MLNetDetectorsTests
{
    [Fact]
    public void GivenTheDescriptors_WhenComposedIntoARegistry_ThenOcsvmAndPcaAreListedWithDocumentedParameters()
    {
        // Given / When
        var registry = new DetectorRegistry(MLNetDetectors.Descriptors);

        // Then
        Assert.Equal(["ocsvm", "pca"], registry.Types);
        var ocsvm = registry.Find("ocsvm")!;
        Assert.Equal(
            ["kernel", "nu", "gamma", "tolerance", "cache_size_mb", "max_iterations", "shrinking", "ngram_length", "weighting"],
            ocsvm.Parameters.Select(p => p.YamlName));
        Assert.Equal("rbf | linear", ocsvm.Parameters.Single(p => p.YamlName == "kernel").TypeName);
        Assert.Equal("tf | tf_idf | binary", ocsvm.Parameters.Single(p => p.YamlName == "weighting").TypeName);
        Assert.Equal("scale", ocsvm.Parameters.Single(p => p.YamlName == "gamma").DefaultText);
        Assert.Equal(["rank", "oversampling", "ensure_zero_mean", "seed", "ngram_length", "weighting"],
            registry.Find("pca")!.Parameters.Select(p => p.YamlName));
    }

    [Fact]
    public void GivenDescriptors_WhenCreatingDetectors_ThenTheyCarryNameTypeAndOptions()
    {
        // Given
        var registry = new DetectorRegistry(MLNetDetectors.Descriptors);

        // When
        var ocsvm = registry.Find("ocsvm")!.Create("my-svm", new OcsvmOptions { Nu = 0.1 });
        var pca = registry.Find("pca")!.Create("my-pca", new PcaOptions { Rank = 5 });

        // Then
        Assert.Equal(("my-svm", "ocsvm", 0.1), (ocsvm.Name, ocsvm.Type, ((OcsvmDetector)ocsvm).Options.Nu));
        Assert.Equal(("my-pca", "pca", 5), (pca.Name, pca.Type, ((PcaDetector)pca).Options.Rank));
    }
}
