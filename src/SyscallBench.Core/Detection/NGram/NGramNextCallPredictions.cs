namespace SyscallBench.Core.Detection.NGram;

/// <summary>Next-call distributions of an <see cref="NGramLanguageModel"/>, in raw syscall numbers.</summary>
internal static class NGramNextCallPredictions
{
    /// <summary>
    /// p(w | the last n-1 calls of the prefix), with begin tokens when the prefix is shorter (the prefix is the
    /// start of a trace), for every w in the vocabulary; sorted by probability descending, then by vocabulary
    /// index (unknown bucket first among equals, then ascending syscall number).
    /// </summary>
    public static IReadOnlyList<NextCallProbability> Predict(NGramLanguageModel model, ReadOnlySpan<int> prefix, int topK)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        var n = model.Settings.Order;
        var padded = model.Pad(prefix);
        var gram = new int[n];
        padded.AsSpan(padded.Length - (n - 1)).CopyTo(gram);
        var outcomes = new (int Index, double Probability)[model.VocabularySize];
        for (var w = 0; w < outcomes.Length; w++)
        {
            gram[n - 1] = w;
            outcomes[w] = (w, model.ProbabilityOfLast(gram));
        }

        return outcomes
            .OrderByDescending(o => o.Probability).ThenBy(o => o.Index)
            .Take(topK)
            .Select(o => new NextCallProbability(model.Vocabulary.SyscallOf(o.Index), o.Probability))
            .ToArray();
    }
}
