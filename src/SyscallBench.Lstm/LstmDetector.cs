using SyscallBench.Core;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.Lstm.Model;
using SyscallBench.Lstm.Native;
using SyscallBench.Lstm.Training;
using TorchSharp;

namespace SyscallBench.Lstm;

/// <summary>
/// The <c>lstm</c> detector: a next-syscall language model whose surprisal scores a trace.
/// </summary>
/// <remarks>
/// Embedding -> LSTM -> linear head over the training vocabulary (with an unknown bucket and a
/// start-of-trace token), trained on normal traces to minimise s_t = -ln p(x_t | x_1..x_{t-1}).
/// Trace scores: mean_nll = mean_t s_t (Kim et al., "LSTM-based system-call language modeling and robust
/// ensemble method for designing host-based intrusion detection systems", arXiv:1611.01726, 2016);
/// max_window_nll = the largest mean of s_t over w consecutive calls; topk_miss_rate = fraction of calls
/// outside the g most probable (Du et al., "DeepLog", CCS 2017). Per-position scores are s_t.
/// Training: whole traces in lanes, truncated BPTT chunks, Adam, gradient-norm clipping, early stopping
/// on a seeded held-out slice of the training normals.
/// </remarks>
public sealed class LstmDetector : IDetector
{
    public const string TypeName = "lstm";

    public LstmDetector(string name, LstmOptions options)
    {
        Name = name;
        Options = options;
    }

    public string Name { get; }

    public string Type => TypeName;

    public LstmOptions Options { get; }

    public IFittedDetector Fit(IReadOnlyList<Trace> normalTraces, FitContext context) => FitLstm(normalTraces, context);

    /// <summary><see cref="Fit"/> with the concrete result type (predictions, training summary).</summary>
    public FittedLstmDetector FitLstm(IReadOnlyList<Trace> normalTraces, FitContext context)
    {
        TorchRuntime.EnsureAvailable();
        var device = TorchRuntime.ResolveDevice(Options.Device);
        if (normalTraces.All(t => t.Length == 0))
        {
            throw new SyscallBenchException($"Detector '{Name}' (lstm): no system calls to train on ({normalTraces.Count} training traces, all empty).");
        }

        var vocabulary = FitVocabulary(normalTraces, Options.MinCallCount);
        var random = new Random(context.Seed);
        var order = Enumerable.Range(0, normalTraces.Count).ToArray();
        random.Shuffle(order);
        var validationCount = normalTraces.Count < 2 ? 0
            : Math.Min(normalTraces.Count - 1, (int)Math.Round(Options.ValidationFraction * normalTraces.Count));
        InputTokens.EnsureFits(vocabulary, Options.InputEncoding);
        var encoded = normalTraces.Select(t => InputTokens.Encode(vocabulary, t.Calls, Options.InputEncoding)).ToArray();
        var validation = order.Take(validationCount).Order().Select(i => encoded[i]).ToArray();
        var train = order.Skip(validationCount).Order().Select(i => encoded[i]).ToArray();

        lock (TorchRuntime.SeededWork)
        {
            TorchRuntime.UseThreads(Options.Threads);
            torch.manual_seed(context.Seed);
            var model = new SyscallLanguageModel(vocabulary.Count, Options, InputTokens.ValueScale(vocabulary));
            try
            {
                model.to(device);
                var summary = LstmTrainer.Train(model, train, validation, Options, context, device, random);
                model.eval();
                return new FittedLstmDetector(model, vocabulary, Options, summary, device);
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
