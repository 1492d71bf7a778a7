using SyscallBench.Core.Detection;
using SyscallBench.MLNet.Ocsvm;
using SyscallBench.MLNet.Pca;

namespace SyscallBench.MLNet.Tests;

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
            ["kernel", "nu", "gamma", "tolerance", "cache_size_mb", "max_iterations", "shrinking", "ngram_length", "weighting", "unseen_ngrams"],
            ocsvm.Parameters.Select(p => p.YamlName));
        Assert.Equal("rbf | linear", ocsvm.Parameters.Single(p => p.YamlName == "kernel").TypeName);
        Assert.Equal("tf | tf_idf | binary", ocsvm.Parameters.Single(p => p.YamlName == "weighting").TypeName);
        Assert.Equal("scale", ocsvm.Parameters.Single(p => p.YamlName == "gamma").DefaultText);
        Assert.Equal("bucket | drop", ocsvm.Parameters.Single(p => p.YamlName == "unseen_ngrams").TypeName);
        Assert.Equal("bucket", ocsvm.Parameters.Single(p => p.YamlName == "unseen_ngrams").DefaultText);
        Assert.Equal(["rank", "oversampling", "ensure_zero_mean", "seed", "ngram_length", "weighting", "unseen_ngrams"],
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

public sealed class MLNetOptionsBindingTests
{
    private static readonly SyscallBench.Core.Config.SourceLocation Here = new("test.yaml", 1, 1);

    private static SyscallBench.Core.Config.ConfigMapping Mapping(params (string Key, string Value)[] entries) =>
        new(entries.Select(e => new SyscallBench.Core.Config.ConfigEntry(
            new SyscallBench.Core.Config.ConfigScalar(e.Key, Here),
            new SyscallBench.Core.Config.ConfigScalar(e.Value, Here))).ToArray(), Here);

    [Fact]
    public void GivenYamlValues_WhenBindingOcsvmOptions_ThenSnakeCaseNamesAndEnumValuesApply()
    {
        // Given
        var errors = new List<SyscallBench.Core.Config.ConfigError>();
        var mapping = Mapping(("kernel", "linear"), ("nu", "0.1"), ("gamma", "0.25"), ("cache_size_mb", "50"),
            ("max_iterations", "1000"), ("ngram_length", "4"), ("weighting", "tf_idf"), ("unseen_ngrams", "drop"));

        // When
        var options = SyscallBench.Core.Config.OptionsBinder.Bind<OcsvmOptions>(mapping, "detectors[0].params", errors);

        // Then
        Assert.Empty(errors);
        Assert.Equal((SyscallBench.MLNet.Svm.KernelType.Linear, 0.1, "0.25", 50.0, 1000, 4, SyscallBench.MLNet.Features.NGramWeighting.TfIdf),
            (options.Kernel, options.Nu, options.Gamma, options.CacheSizeMb, options.MaxIterations, options.NgramLength, options.Weighting));
        Assert.Equal(SyscallBench.MLNet.Features.UnseenNGramHandling.Drop, options.FeatureSettings.Unseen);
    }

    [Fact]
    public void GivenBadYamlValues_WhenBindingOcsvmOptions_ThenErrorsNameTheSnakeCaseField()
    {
        // Given
        var errors = new List<SyscallBench.Core.Config.ConfigError>();
        var mapping = Mapping(("nu", "1.5"), ("gamma", "wide"));

        // When
        SyscallBench.Core.Config.OptionsBinder.Bind<OcsvmOptions>(mapping, "detectors[0].params", errors);

        // Then
        Assert.Equal(["detectors[0].params.nu", "detectors[0].params.gamma"], errors.Select(e => e.FieldPath));
    }

    [Fact]
    public void GivenSeedLeftEmpty_WhenBindingPcaOptions_ThenTheSeedStaysUnsetAndANumberIsTaken()
    {
        // Given
        var errors = new List<SyscallBench.Core.Config.ConfigError>();

        // When
        var unset = SyscallBench.Core.Config.OptionsBinder.Bind<PcaOptions>(Mapping(("rank", "5")), "p", errors);
        var set = SyscallBench.Core.Config.OptionsBinder.Bind<PcaOptions>(Mapping(("seed", "7"), ("ensure_zero_mean", "false")), "p", errors);

        // Then
        Assert.Empty(errors);
        Assert.Equal((5, (int?)null), (unset.Rank, unset.Seed));
        Assert.Equal((7, false), (set.Seed, set.EnsureZeroMean));
    }
}
