using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Datasets;

/// <summary>
/// Minimal reference scorers used only to check that the synthetic families separate as designed; the
/// real detectors live in Detection/ and have their own tests.
/// </summary>
internal sealed class WindowScorers
{
    private readonly Dictionary<string, int> _countByWindow = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _countByContext = new(StringComparer.Ordinal);
    private readonly int _vocabularySize;
    private readonly int _window;
    private readonly long _totalWindows;

    public WindowScorers(IEnumerable<Trace> train, int window)
    {
        _window = window;
        var vocabulary = new HashSet<int>();
        foreach (var trace in train)
        {
            vocabulary.UnionWith(trace.Calls);
            foreach (var key in Windows(trace))
            {
                _countByWindow[key] = _countByWindow.GetValueOrDefault(key) + 1;
                _totalWindows++;
            }

            for (var i = _window - 1; i < trace.Length; i++)
            {
                var context = Key(trace.Calls, i - _window + 1, _window - 1);
                _countByContext[context] = _countByContext.GetValueOrDefault(context) + 1;
            }
        }

        _vocabularySize = vocabulary.Count + 1; // + the unknown call
    }

    /// <summary>STIDE (Forrest et al. 1996; Warrender et al. 1999): fraction of windows never seen in training.</summary>
    public double Stide(Trace trace) => Fraction(trace, count => count == 0);

    /// <summary>t-STIDE (Warrender et al. 1999): fraction of windows unseen or rarer than 0.1% of training windows.</summary>
    public double TStide(Trace trace) => Fraction(trace, count => count < 0.001 * _totalWindows);

    /// <summary>
    /// n-gram language model (n = window): mean surprisal -ln P(call | previous n-1 calls) with add-one
    /// smoothing over the training vocabulary plus an unknown token.
    /// </summary>
    public double MeanSurprisal(Trace trace)
    {
        double total = 0;
        var count = 0;
        for (var i = _window - 1; i < trace.Length; i++)
        {
            var gram = Key(trace.Calls, i - _window + 1, _window);
            var context = Key(trace.Calls, i - _window + 1, _window - 1);
            var p = (_countByWindow.GetValueOrDefault(gram) + 1.0) / (_countByContext.GetValueOrDefault(context) + _vocabularySize);
            total -= Math.Log(p);
            count++;
        }

        return count == 0 ? 0 : total / count;
    }

    private static string Key(int[] calls, int start, int length) => string.Join(' ', calls.Skip(start).Take(length));

    private double Fraction(Trace trace, Func<int, bool> isAnomalous)
    {
        var windows = Windows(trace).ToArray();
        return windows.Count(w => isAnomalous(_countByWindow.GetValueOrDefault(w))) / (double)windows.Length;
    }

    private IEnumerable<string> Windows(Trace trace)
    {
        var last = Math.Max(0, trace.Length - _window);
        for (var i = 0; i <= last; i++)
        {
            yield return string.Join(' ', trace.Calls.Skip(i).Take(_window));
        }
    }

    /// <summary>ROC AUC by the Mann-Whitney statistic, ties counted half.</summary>
    public static double Auc(IReadOnlyList<double> normalScores, IReadOnlyList<double> attackScores)
    {
        double wins = 0;
        foreach (var attack in attackScores)
        {
            foreach (var normal in normalScores)
            {
                wins += attack > normal ? 1 : attack == normal ? 0.5 : 0;
            }
        }

        return wins / (normalScores.Count * (double)attackScores.Count);
    }
}
