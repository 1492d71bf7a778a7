using SyscallBench.Core;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.Lstm.Model;
using SyscallBench.Lstm.Native;
using SyscallBench.Lstm.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SyscallBench.Lstm;

/// <summary>
/// The fit protocol of every TorchSharp language-model detector: the vocabulary (rare calls folded into
/// the unknown token), a seeded held-out slice of the training normals for early stopping, then, holding
/// libtorch's seeded-work lock, the seeded network trained by <see cref="LanguageModelTrainer"/>.
/// </summary>
internal static class LanguageModelFitting
{
    /// <param name="name">The detector's name, for messages.</param>
    /// <param name="type">The detector's type, for messages.</param>
    /// <param name="normalTraces">Training normals.</param>
    /// <param name="context">Seed, progress, cancellation.</param>
    /// <param name="options">Shared options.</param>
    /// <param name="encode">Input tokens of a trace (throws when the vocabulary does not fit the encoding).</param>
    /// <param name="create">The untrained network for a vocabulary (called with the generator seeded).</param>
    /// <param name="fitted">The fitted detector from the trained network.</param>
    public static TFitted Fit<TFitted>(string name, string type, IReadOnlyList<Trace> normalTraces, FitContext context,
        ILanguageModelOptions options, Func<Vocabulary, int[], int[]> encode,
        Func<Vocabulary, CallLanguageModel> create, Func<CallLanguageModel, Vocabulary, TrainingSummary, Device, TFitted> fitted)
    {
        TorchRuntime.EnsureAvailable();
        var device = TorchRuntime.ResolveDevice(options.Device);
        if (normalTraces.All(t => t.Length == 0))
        {
            throw new SyscallBenchException($"Detector '{name}' ({type}): no system calls to train on ({normalTraces.Count} training traces, all empty).");
        }

        var vocabulary = FitVocabulary(normalTraces, options.MinCallCount);
        var random = new Random(context.Seed);
        var order = Enumerable.Range(0, normalTraces.Count).ToArray();
        random.Shuffle(order);
        var validationCount = normalTraces.Count < 2 ? 0
            : Math.Min(normalTraces.Count - 1, (int)Math.Round(options.ValidationFraction * normalTraces.Count));
        var encoded = normalTraces.Select(t => encode(vocabulary, t.Calls)).ToArray();
        var validation = order.Take(validationCount).Order().Select(i => encoded[i]).ToArray();
        var train = order.Skip(validationCount).Order().Select(i => encoded[i]).ToArray();

        using (TorchGate.Seeded(options.Threads))
        {
            torch.manual_seed(context.Seed);
            var model = create(vocabulary);
            try
            {
                model.to(device);
                var summary = LanguageModelTrainer.Train(model, train, validation, options, context, device, random);
                model.eval();
                return fitted(model, vocabulary, summary, device);
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// The training vocabulary without syscalls rarer than <paramref name="minCount"/>: those map to the
    /// unknown token in training too, which gives it a probability learned from rare calls instead of
    /// (nearly) zero. Without that, the rare normal trace with a never-seen call gets an unbounded surprisal.
    /// </summary>
    internal static Vocabulary FitVocabulary(IReadOnlyList<Trace> traces, int minCount)
    {
        if (minCount <= 1)
        {
            return Vocabulary.Fit(traces);
        }

        var counts = new Dictionary<int, int>();
        foreach (var call in traces.SelectMany(t => t.Calls))
        {
            counts[call] = counts.GetValueOrDefault(call) + 1;
        }

        return Vocabulary.FromSyscalls(counts.Where(kv => kv.Value >= minCount).Select(kv => kv.Key));
    }
}
