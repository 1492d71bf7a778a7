using System.Text.Json;
using SyscallBench.Core.Traces;
using SyscallBench.Lstm.Model;
using SyscallBench.Lstm.Training;
using static TorchSharp.torch;

namespace SyscallBench.Lstm.Transformer;

/// <summary>
/// A trained <c>transformer</c> detector: scores, next-call predictions and persistence as for the lstm
/// (model.bin weights, vocabulary.json, transformer.json with the options and training summary).
/// </summary>
public sealed class FittedTransformerDetector : FittedLanguageModel
{
    private const string TransformerConfigFile = "transformer.json";

    internal FittedTransformerDetector(CallLanguageModel model, Vocabulary vocabulary, TransformerOptions options,
        TrainingSummary summary, Device device)
        : base(model, vocabulary, options, summary, device)
    {
        Options = options;
    }

    public override string Type => TransformerDetector.TypeName;

    public TransformerOptions Options { get; }

    private protected override string ConfigFile => TransformerConfigFile;

    /// <summary>Loads a folder written by <see cref="FittedLanguageModel.Save"/>; throws <see cref="LstmUnavailableException"/> without libtorch.</summary>
    public static FittedTransformerDetector Load(string directory) =>
        Load<TransformerOptions, FittedTransformerDetector>(directory, TransformerDetector.TypeName, TransformerConfigFile,
            text => JsonSerializer.Deserialize<SavedConfig>(text, Json) is { } c ? (c.Format, c.Options, c.Summary) : (0, null, null),
            (vocabulary, options) => new CausalTransformerModel(vocabulary.Count, options),
            (model, vocabulary, options, summary, device) => new FittedTransformerDetector(model, vocabulary, options, summary, device));

    private protected override int[] Encode(ReadOnlySpan<int> calls) => Vocabulary.Encode(calls);

    private protected override string SerializeConfig() => JsonSerializer.Serialize(new SavedConfig(FormatVersion, Options, Summary), Json);

    private sealed record SavedConfig(int Format, TransformerOptions? Options, TrainingSummary? Summary);
}
