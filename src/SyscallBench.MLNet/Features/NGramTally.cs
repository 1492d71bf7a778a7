using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace SyscallBench.MLNet.Features;

/// <summary>
/// The one step of the feature chain ML.NET has no built-in transform for: reducing a vector to a scalar,
/// here the number of a trace's n-gram occurrences that hit the training vocabulary (the sum of its raw tf
/// counts). <see cref="NGramFeaturizer"/> turns it and the trace length L (an input column) into the
/// unseen-n-gram count with an Expression transform (total(L) − seen) that carries n and the weighting as
/// literals.
/// </summary>
/// <remarks>
/// Registered under <see cref="ContractName"/> so that a saved chain can be loaded again: ML.NET persists
/// only the name and looks the factory up in the assemblies registered on the loading MLContext
/// (<see cref="Register"/>). The mapping itself has no parameters, so one factory serves every n.
/// </remarks>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class NGramTally : CustomMappingFactory<NGramTally.Input, NGramTally.Output>
{
    public const string ContractName = "SyscallBench.NGramTally.v1";

    /// <summary>Makes <see cref="NGramTally"/> findable when a saved chain is loaded on <paramref name="ml"/>.</summary>
    public static void Register(Microsoft.ML.MLContext ml) => ml.ComponentCatalog.RegisterAssembly(typeof(NGramTally).Assembly);

    public static void Map(Input input, Output output)
    {
        double seen = 0;
        foreach (var count in input.RawCounts.GetValues())
        {
            seen += count;
        }

        output.InVocabularyCount = (float)seen;
    }

    public override Action<Input, Output> GetMapping() => Map;

    /// <summary>What the tally reads: the raw (tf) in-vocabulary n-gram counts.</summary>
    public sealed class Input
    {
        [VectorType]
        public VBuffer<float> RawCounts { get; set; }
    }

    /// <summary>What the tally writes.</summary>
    public sealed class Output
    {
        /// <summary>Occurrences of training-vocabulary n-grams (lengths 1..n) in the trace.</summary>
        public float InVocabularyCount { get; set; }
    }
}
