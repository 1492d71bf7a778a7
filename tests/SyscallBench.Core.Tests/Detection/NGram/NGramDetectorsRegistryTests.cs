using SyscallBench.Core.Detection;

namespace SyscallBench.Core.Tests.Detection.NGram;

public class NGramDetectorsRegistryTests
{
    [Fact]
    public void GivenTheCoreRegistry_WhenListed_ThenTheNGramFamilyIsThereWithDocumentedParameters()
    {
        var registry = new DetectorRegistry(DetectorRegistry.CoreDescriptors);

        Assert.Equal(["knn", "ngram", "stide", "tstide"], registry.Types);
        var stide = registry.Find("stide")!;
        Assert.Equal(["window_length", "score", "locality_frame"], stide.Parameters.Select(p => p.YamlName));
        Assert.Equal("6", stide.Parameters[0].DefaultText);
        Assert.Equal("mismatch_rate | max_lfc", stide.Parameters[1].TypeName);
        Assert.Equal("1E-05", registry.Find("tstide")!.Parameters.Single(p => p.YamlName == "rarity_threshold").DefaultText);
        var ngram = registry.Find("ngram")!;
        Assert.Equal(["order", "smoothing", "discount", "k", "score", "window", "quantile"], ngram.Parameters.Select(p => p.YamlName));
        Assert.Equal(["3", "kneser_ney", "0.75", "0.01", "mean_surprisal", "10", "0.5"], ngram.Parameters.Select(p => p.DefaultText));
        Assert.Equal("kneser_ney | witten_bell | add_k", ngram.Parameters[1].TypeName);
        Assert.All(registry.All.SelectMany(d => d.Parameters), p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
    }

    [Fact]
    public void GivenADescriptor_WhenCreatingWithItsDefaultOptions_ThenTheDetectorCarriesNameAndType()
    {
        var registry = new DetectorRegistry(DetectorRegistry.CoreDescriptors);

        foreach (var descriptor in registry.All)
        {
            var options = (Core.Config.IOptions)Activator.CreateInstance(descriptor.OptionsType)!;
            var detector = descriptor.Create($"my-{descriptor.Type}", options);
            Assert.Equal(descriptor.Type, detector.Type);
            Assert.Equal($"my-{descriptor.Type}", detector.Name);
        }
    }
}
