using System.Text.Json;
using SyscallBench.Core.Traces;
using SyscallBench.Lstm.Model;
using SyscallBench.Lstm.Training;
using static TorchSharp.torch;

namespace SyscallBench.Lstm;

/// <summary>
/// A trained <c>lstm</c> detector: scores traces by surprisal, predicts the next call after a prefix,
/// and saves to / loads from a folder (model.bin weights, vocabulary.json, lstm.json with the options and
/// training summary).
/// </summary>
public sealed class FittedLstmDetector : FittedLanguageModel
{
    private const string LstmConfigFile = "lstm.json";

    internal FittedLstmDetector(CallLanguageModel model, Vocabulary vocabulary, LstmOptions options,
        TrainingSummary summary, Device device)
        : base(model, vocabulary, options, summary, device)
    {
        Options = options;
    }

    public override string Type => LstmDetector.TypeName;

    public LstmOptions Options { get; }

    private protected override string ConfigFile => LstmConfigFile;

    /// <summary>Loads a folder written by <see cref="FittedLanguageModel.Save"/>; throws <see cref="LstmUnavailableException"/> without libtorch.</summary>
    public static FittedLstmDetector Load(string directory) =>
        Load<LstmOptions, FittedLstmDetector>(directory, LstmDetector.TypeName, LstmConfigFile,
            text => JsonSerializer.Deserialize<SavedConfig>(text, Json) is { } c ? (c.Format, c.Options, c.Summary) : (0, null, null),
            (vocabulary, options) => new SyscallLanguageModel(vocabulary.Count, options, InputTokens.ValueScale(vocabulary)),
            (model, vocabulary, options, summary, device) => new FittedLstmDetector(model, vocabulary, options, summary, device));

    private protected override int[] Encode(ReadOnlySpan<int> calls) => InputTokens.Encode(Vocabulary, calls, Options.InputEncoding);

    private protected override string SerializeConfig() => JsonSerializer.Serialize(new SavedConfig(FormatVersion, Options, Summary), Json);

    private sealed record SavedConfig(int Format, LstmOptions? Options, TrainingSummary? Summary);
}
