namespace SyscallBench.Core.Detection.NGram;

/// <summary>How stide and t-stide turn a trace's window mismatches into one score.</summary>
public enum MismatchScore
{
    /// <summary>Fraction of the trace's windows that mismatch (Forrest et al. 1996).</summary>
    MismatchRate,

    /// <summary>
    /// Locality frame count: the most mismatches within any F consecutive windows, divided by F
    /// (Warrender, Forrest and Pearlmutter 1999).
    /// </summary>
    MaxLfc,
}

/// <summary>
/// The two trace scores over a trace's window mismatches, counted as the windows come: no flag per window is kept
/// (a bool per call was 333 MB for the long trace of issue #18), only the last F for max_lfc.
/// </summary>
internal sealed class MismatchTally
{
    private readonly int _frame;
    private readonly bool[] _lastInFrame;
    private int _windows;
    private int _mismatches;
    private int _inFrame;
    private int _maxInFrame;

    /// <param name="localityFrame">F of max_lfc.</param>
    /// <param name="windows">How many windows will be added: a trace with fewer than F keeps only those.</param>
    public MismatchTally(int localityFrame, int windows)
    {
        _frame = localityFrame;
        _lastInFrame = new bool[Math.Max(1, Math.Min(localityFrame, windows))];
    }

    public void Add(bool mismatch)
    {
        // The ring holds F flags once the frame is full; before that it is never wrapped (it may be shorter than F).
        var slot = _windows % _lastInFrame.Length;
        if (_windows >= _frame)
        {
            _inFrame -= _lastInFrame[slot] ? 1 : 0;
        }

        _lastInFrame[slot] = mismatch;
        _inFrame += mismatch ? 1 : 0;
        _mismatches += mismatch ? 1 : 0;
        _maxInFrame = Math.Max(_maxInFrame, _inFrame);
        _windows++;
    }

    /// <summary>
    /// mismatch_rate: mismatches / windows (0 without windows); max_lfc: the most mismatches in any F consecutive
    /// windows, divided by F (a trace with fewer windows than F is one frame).
    /// </summary>
    public double Score(MismatchScore score) => score switch
    {
        MismatchScore.MismatchRate => _windows == 0 ? 0 : _mismatches / (double)_windows,
        MismatchScore.MaxLfc => _maxInFrame / (double)_frame,
        _ => throw new ArgumentOutOfRangeException(nameof(score), score, null),
    };
}
