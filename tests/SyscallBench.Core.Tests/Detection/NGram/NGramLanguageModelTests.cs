using SyscallBench.Core.Detection.NGram;
using static SyscallBench.Core.Tests.Detection.DetectionFixtures;

namespace SyscallBench.Core.Tests.Detection.NGram;

public class NGramLanguageModelTests
{
    // Vocabulary: unknown = 0, syscall 1 -> id 1, syscall 2 -> id 2; begin token = 3.
    // Padded bigrams of [1 2 1 2]: (B,1) x1, (1,2) x2, (2,1) x1.
    private const int Unknown = 0;
    private const int One = 1;
    private const int Two = 2;
    private const int Begin = 3;
    private static readonly IReadOnlyList<Core.Traces.Trace> Toy = Corpus([1, 2, 1, 2]);

    private static NGramLanguageModel Bigram(NGramSmoothing smoothing, double k = 0.5) =>
        NGramLanguageModel.Fit(Toy, new NGramSettings(Order: 2, smoothing, Discount: 0.75, K: k));

    [Fact]
    public void GivenAddK_WhenAskedForBigramProbabilities_ThenTheyAreCountPlusKOverTotalPlusKV()
    {
        var model = Bigram(NGramSmoothing.AddK, k: 0.5);

        Assert.Equal(Begin, model.BeginToken);
        Assert.Equal(3, model.VocabularySize);
        Assert.Equal((2 + 0.5) / (2 + 1.5), model.Probability([One], Two), 15);
        Assert.Equal(0.5 / 3.5, model.Probability([One], One), 15);
        Assert.Equal(0.5 / 3.5, model.Probability([One], Unknown), 15);
        Assert.Equal(1.5 / 2.5, model.Probability([Begin], One), 15);
        Assert.Equal(1.0 / 3.0, model.Probability([Unknown], Two), 15);
    }

    [Fact]
    public void GivenWittenBell_WhenAskedForBigramProbabilities_ThenTheyInterpolateWithTheUnigramAndUniform()
    {
        // Given: unigrams 1 x2, 2 x2 (4 tokens, 2 types): p0(1) = p0(2) = (2 + 2/3)/6 = 4/9, p0(unk) = 1/9.
        //        context 1: (1,2) x2, one type: p(w|1) = (c(1,w) + 1 * p0(w)) / 3.
        var model = Bigram(NGramSmoothing.WittenBell);

        Assert.Equal(22.0 / 27.0, model.Probability([One], Two), 15);
        Assert.Equal(4.0 / 27.0, model.Probability([One], One), 15);
        Assert.Equal(1.0 / 27.0, model.Probability([One], Unknown), 15);
        Assert.Equal(1.0 / 9.0, model.Probability([Unknown], Unknown), 15);
    }

    [Fact]
    public void GivenKneserNey_WhenAskedForBigramProbabilities_ThenLowerOrderUsesContinuationCounts()
    {
        // Given: continuation counts: 1 follows {B, 2} -> 2, 2 follows {1} -> 1 (total 3, 2 types);
        //        p0(1) = (2-.75 + .75*2/3)/3 = 7/12, p0(2) = (1-.75 + .5)/3 = 1/4, p0(unk) = .5/3 = 1/6.
        //        context 1: (1,2) x2, one type: p(w|1) = (max(c-.75,0) + .75 * p0(w)) / 2.
        var model = Bigram(NGramSmoothing.KneserNey);

        Assert.Equal((1.25 + (0.75 * 0.25)) / 2, model.Probability([One], Two), 15);
        Assert.Equal(0.75 * 7.0 / 12.0 / 2, model.Probability([One], One), 15);
        Assert.Equal(0.75 / 6.0 / 2, model.Probability([One], Unknown), 15);
        Assert.Equal(7.0 / 12.0, model.Probability([Unknown], One), 15);
    }

    [Theory]
    [InlineData(NGramSmoothing.KneserNey, 1)]
    [InlineData(NGramSmoothing.KneserNey, 2)]
    [InlineData(NGramSmoothing.KneserNey, 3)]
    [InlineData(NGramSmoothing.KneserNey, 4)]
    [InlineData(NGramSmoothing.WittenBell, 1)]
    [InlineData(NGramSmoothing.WittenBell, 3)]
    [InlineData(NGramSmoothing.WittenBell, 4)]
    [InlineData(NGramSmoothing.AddK, 1)]
    [InlineData(NGramSmoothing.AddK, 3)]
    public void GivenAnyContext_WhenProbabilitiesAreSummedOverTheVocabulary_ThenTheySumToOne(NGramSmoothing smoothing, int order)
    {
        // Given: a corpus with repeats, branches, short traces and a trace shorter than the order
        var corpus = Corpus([5, 6, 7, 5, 6, 7, 5, 8], [6, 7, 9, 9, 9, 5], [7], [5, 6], [9, 8, 7, 6, 5, 5, 6, 7]);
        var model = NGramLanguageModel.Fit(corpus, new NGramSettings(order, smoothing, Discount: 0.75, K: 0.01));

        // When/Then: every context over vocabulary + unknown + begin token (seen or not) is a distribution
        foreach (var context in AllContexts(order - 1, model.BeginToken + 1))
        {
            var sum = 0.0;
            for (var token = 0; token < model.VocabularySize; token++)
            {
                var p = model.Probability(context, token);
                Assert.True(p > 0 && p <= 1, $"p({token} | {string.Join(' ', context)}) = {p}");
                sum += p;
            }

            Assert.Equal(1.0, sum, 12);
        }
    }

    [Fact]
    public void GivenTheUnknownToken_WhenPredictedAfterASeenContext_ThenItHasSmallButPositiveMass()
    {
        var model = Bigram(NGramSmoothing.KneserNey);

        var pUnknown = model.Probability([One], Unknown);

        Assert.InRange(pUnknown, double.Epsilon, model.Probability([One], Two));
    }

    [Fact]
    public void GivenTheSameTrainingData_WhenRebuiltFromItsOrderNCounts_ThenProbabilitiesAreBitIdentical()
    {
        var corpus = Corpus([5, 6, 7, 5, 6, 7, 5, 8], [6, 7, 9, 9, 9, 5]);
        var settings = new NGramSettings(3, NGramSmoothing.KneserNey, 0.75, 0.01);
        var model = NGramLanguageModel.Fit(corpus, settings);

        var rebuilt = NGramLanguageModel.FromCounts(model.Vocabulary, settings, model.HighestOrderCounts);

        foreach (var context in AllContexts(2, model.BeginToken + 1))
        {
            for (var token = 0; token < model.VocabularySize; token++)
            {
                Assert.Equal(model.Probability(context, token), rebuilt.Probability(context, token));
            }
        }
    }

    [Theory]
    [InlineData(NGramSmoothing.KneserNey, 3)]
    [InlineData(NGramSmoothing.WittenBell, 4)]
    [InlineData(NGramSmoothing.AddK, 2)]
    public void GivenSeenAndUnseenGrams_WhenSurprisalsAreComputedTwice_ThenBothTimesTheyAreMinusLnOfTheProbability(NGramSmoothing smoothing, int order)
    {
        // Given: a model, and a trace mixing training n-grams (cached on first use) with unseen ones and an unknown call
        var model = NGramLanguageModel.Fit(Corpus([5, 6, 7, 5, 6, 7, 5, 8], [6, 7, 9, 9, 9, 5]), new NGramSettings(order, smoothing, 0.75, 0.01));
        int[] calls = [5, 6, 7, 5, 8, 9, 42, 6, 7, 5, 6];
        var padded = model.Pad(calls);
        var expected = Enumerable.Range(0, calls.Length)
            .Select(t => -Math.Log(model.Probability(padded.AsSpan(t, order - 1), padded[t + order - 1])))
            .ToArray();

        // When: once with a cold cache, once with a warm one
        var cold = new double[calls.Length];
        model.Surprisals(padded, cold);
        var warm = new double[calls.Length];
        model.Surprisals(padded, warm);

        // Then: bit-identical to the uncached definition
        Assert.Equal(expected, cold);
        Assert.Equal(expected, warm);
    }

    private static IEnumerable<int[]> AllContexts(int length, int alphabet)
    {
        var total = (int)Math.Pow(alphabet, length);
        for (var code = 0; code < total; code++)
        {
            var context = new int[length];
            var rest = code;
            for (var i = 0; i < length; i++)
            {
                context[i] = rest % alphabet;
                rest /= alphabet;
            }

            yield return context;
        }
    }
}
