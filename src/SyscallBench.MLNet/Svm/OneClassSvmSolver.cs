namespace SyscallBench.MLNet.Svm;

/// <summary>Settings of one solver run.</summary>
/// <param name="Nu">Upper bound on the fraction of training outliers and lower bound on the fraction of support vectors; 0 &lt; nu &lt;= 1.</param>
/// <param name="Kernel">Kernel with its resolved gamma.</param>
/// <param name="Tolerance">Stopping tolerance on the maximal KKT violation (libsvm's eps).</param>
/// <param name="CacheSizeMb">Kernel-row cache budget in MB (libsvm's cache_size).</param>
/// <param name="Shrinking">Use libsvm's shrinking heuristic.</param>
/// <param name="MaxIterations">Iteration cap; -1 = unlimited (as scikit-learn's max_iter=-1).</param>
public sealed record OneClassSvmParameters(
    double Nu,
    SvmKernel Kernel,
    double Tolerance = 1e-3,
    double CacheSizeMb = 200,
    bool Shrinking = true,
    int MaxIterations = -1);

/// <summary>
/// nu-One-Class SVM trained by SMO, a from-scratch C# re-implementation of libsvm's one-class solver
/// (the solver scikit-learn's OneClassSVM calls), step for step, so that it finds the same solution.
/// </summary>
/// <remarks>
/// <para>Problem (Schölkopf, Platt, Shawe-Taylor, Smola &amp; Williamson, "Estimating the support of a
/// high-dimensional distribution", Neural Computation 13(7), 2001), in libsvm's scaling:</para>
/// <para>  min_a ½ aᵀQa  subject to  0 ≤ a_i ≤ 1,  Σ a_i = ν·l,  with Q_ij = K(x_i, x_j).</para>
/// <para>Decision function f(x) = Σ a_i K(x_i, x) − ρ (positive inside the estimated support). This is
/// Schölkopf's dual multiplied by ν·l, which leaves the sign of f unchanged and scales it by ν·l.</para>
/// <para>Algorithm (Chang &amp; Lin, "LIBSVM: a library for support vector machines", ACM TIST 2(3), 2011):
/// SMO on pairs (i, j) chosen by the second-order working-set selection of Fan, Chen &amp; Lin, "Working
/// set selection using second order information for training SVM", JMLR 6, 2005: i maximises −G_i over
/// a_i &lt; 1, j minimises −(G_i − G_j)² / (Q_ii + Q_jj − 2Q_ij) over a_j &gt; 0 with G_j &gt; G_i (τ = 1e-12
/// replaces non-positive curvature). Stops when max_{a_i&lt;1} −G_i + max_{a_j&gt;0} G_j &lt; tolerance.
/// Optional shrinking (every min(l, 1000) iterations) drops bounded variables unlikely to move, and an
/// LRU cache keeps kernel rows (as float, like libsvm).</para>
/// <para>Start (libsvm/scikit-learn solve_one_class): a_i = min(1, remaining) from i = 0 on, where remaining
/// starts at Σ_i ν (accumulated one term per sample as scikit-learn does); i.e. the first ⌊ν·l⌋ multipliers
/// are 1 and the next gets the fraction.</para>
/// <para>ρ: the mean of G_i over free multipliers (0 &lt; a_i &lt; 1); without free multipliers, the midpoint
/// of [max G over a_i = 1, min G over a_i = 0]. Documented deviation: when that interval is unbounded
/// (only at ν = 1, where every a_i = 1) libsvm's midpoint is infinite and scikit-learn refuses to fit;
/// here ρ = max G over a_i = 1, the finite end, so every training point has f ≤ 0 and scores stay finite
/// (the ranking of test points does not depend on ρ).</para>
/// <para>Iteration cap: when max_iterations stops the solver, the full gradient is rebuilt before ρ is
/// computed (as upstream libsvm does; scikit-learn computes ρ from the shrunk set) and the model reports
/// <see cref="OneClassSvmModel.Converged"/> = false.</para>
/// </remarks>
public static class OneClassSvmSolver
{
    private const double Tau = 1e-12;

    public static OneClassSvmModel Fit(IReadOnlyList<SparseVector> vectors, OneClassSvmParameters parameters,
        CancellationToken cancellation = default)
    {
        if (vectors.Count == 0)
        {
            throw new ArgumentException("One-class SVM needs at least one training vector.", nameof(vectors));
        }

        if (!(parameters.Nu > 0 && parameters.Nu <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(parameters), $"nu must be in (0, 1], got {parameters.Nu}.");
        }

        if (parameters.Kernel.Type == KernelType.Rbf && !(parameters.Kernel.Gamma > 0 && double.IsFinite(parameters.Kernel.Gamma)))
        {
            throw new ArgumentOutOfRangeException(nameof(parameters), $"gamma must be positive and finite, got {parameters.Kernel.Gamma}.");
        }

        var cacheBytes = (long)(parameters.CacheSizeMb * (1 << 20));
        var matrix = new OneClassKernelMatrix(vectors, parameters.Kernel, cacheBytes);
        var run = new Run(vectors.Count, matrix, InitialAlpha(vectors.Count, parameters.Nu), parameters, cancellation);
        var (alpha, rho, iterations, converged) = run.Solve();

        var supportIndices = Enumerable.Range(0, alpha.Length).Where(i => Math.Abs(alpha[i]) > 0).ToArray();
        return new OneClassSvmModel(
            parameters.Kernel,
            supportIndices.Select(i => vectors[i]).ToArray(),
            supportIndices.Select(i => alpha[i]).ToArray(),
            rho,
            supportIndices,
            iterations,
            converged);
    }

    /// <summary>scikit-learn's solve_one_class start with unit sample weights.</summary>
    internal static double[] InitialAlpha(int count, double nu)
    {
        var alpha = new double[count];
        double remaining = 0;
        for (var i = 0; i < count; i++)
        {
            remaining += nu;
        }

        for (var i = 0; i < count && remaining > 0; i++)
        {
            alpha[i] = Math.Min(1.0, remaining);
            remaining -= alpha[i];
        }

        return alpha;
    }

    private enum Bound : byte
    {
        Lower,
        Upper,
        Free,
    }

    /// <summary>State of one solve; fields are in the solver's (possibly permuted) order.</summary>
    private sealed class Run
    {
        private const double UpperBound = 1.0;

        private readonly int _count;
        private readonly OneClassKernelMatrix _q;
        private readonly double[] _qd;
        private readonly double[] _alpha;
        private readonly Bound[] _status;
        private readonly double[] _gradient;
        private readonly double[] _gradientBar;
        private readonly int[] _activeSet;
        private readonly double _eps;
        private readonly bool _shrinking;
        private readonly int _maxIterations;
        private readonly CancellationToken _cancellation;
        private int _activeSize;
        private bool _unshrink;

        public Run(int count, OneClassKernelMatrix q, double[] alpha, OneClassSvmParameters parameters, CancellationToken cancellation)
        {
            _count = count;
            _q = q;
            _qd = q.Diagonal;
            _alpha = alpha;
            _eps = parameters.Tolerance;
            _shrinking = parameters.Shrinking;
            _maxIterations = parameters.MaxIterations;
            _cancellation = cancellation;
            _status = new Bound[count];
            for (var i = 0; i < count; i++)
            {
                UpdateStatus(i);
            }

            _activeSet = Enumerable.Range(0, count).ToArray();
            _activeSize = count;

            // G = Q a (the linear term p is 0); G_bar = Q a restricted to upper-bounded a.
            _gradient = new double[count];
            _gradientBar = new double[count];
            for (var i = 0; i < count; i++)
            {
                if (_status[i] == Bound.Lower)
                {
                    continue;
                }

                var row = _q.Row(i, count);
                var alphaI = _alpha[i];
                for (var j = 0; j < count; j++)
                {
                    _gradient[j] += alphaI * row[j];
                }

                if (_status[i] == Bound.Upper)
                {
                    for (var j = 0; j < count; j++)
                    {
                        _gradientBar[j] += UpperBound * row[j];
                    }
                }
            }
        }

        public (double[] Alpha, double Rho, int Iterations, bool Converged) Solve()
        {
            var iterations = 0;
            var counter = Math.Min(_count, 1000) + 1;
            var converged = true;
            while (true)
            {
                if (_maxIterations != -1 && iterations >= _maxIterations)
                {
                    converged = false;
                    break;
                }

                if (--counter == 0)
                {
                    counter = Math.Min(_count, 1000);
                    if (_shrinking)
                    {
                        Shrink();
                    }

                    _cancellation.ThrowIfCancellationRequested();
                }

                if (!SelectWorkingSet(out var i, out var j))
                {
                    ReconstructGradient();
                    _activeSize = _count;
                    if (!SelectWorkingSet(out i, out j))
                    {
                        break;
                    }

                    counter = 1;
                }

                iterations++;
                Step(i, j);
            }

            if (!converged && _activeSize < _count)
            {
                ReconstructGradient();
                _activeSize = _count;
            }

            var rho = ComputeRho();
            var result = new double[_count];
            for (var k = 0; k < _count; k++)
            {
                result[_activeSet[k]] = _alpha[k];
            }

            return (result, rho, iterations, converged);
        }

        private void Step(int i, int j)
        {
            var rowI = _q.Row(i, _activeSize);
            var rowJ = _q.Row(j, _activeSize);
            var oldAlphaI = _alpha[i];
            var oldAlphaJ = _alpha[j];

            // Both labels are +1: move along a_i + a_j = const, clipped to the box [0, 1]^2.
            var quadratic = _qd[i] + _qd[j] - 2 * rowI[j];
            if (quadratic <= 0)
            {
                quadratic = Tau;
            }

            var delta = (_gradient[i] - _gradient[j]) / quadratic;
            var sum = _alpha[i] + _alpha[j];
            _alpha[i] -= delta;
            _alpha[j] += delta;
            if (sum > UpperBound)
            {
                if (_alpha[i] > UpperBound)
                {
                    _alpha[i] = UpperBound;
                    _alpha[j] = sum - UpperBound;
                }
            }
            else if (_alpha[j] < 0)
            {
                _alpha[j] = 0;
                _alpha[i] = sum;
            }

            if (sum > UpperBound)
            {
                if (_alpha[j] > UpperBound)
                {
                    _alpha[j] = UpperBound;
                    _alpha[i] = sum - UpperBound;
                }
            }
            else if (_alpha[i] < 0)
            {
                _alpha[i] = 0;
                _alpha[j] = sum;
            }

            var deltaI = _alpha[i] - oldAlphaI;
            var deltaJ = _alpha[j] - oldAlphaJ;
            for (var k = 0; k < _activeSize; k++)
            {
                _gradient[k] += rowI[k] * deltaI + rowJ[k] * deltaJ;
            }

            var wasUpperI = _status[i] == Bound.Upper;
            var wasUpperJ = _status[j] == Bound.Upper;
            UpdateStatus(i);
            UpdateStatus(j);
            UpdateGradientBar(i, wasUpperI);
            UpdateGradientBar(j, wasUpperJ);
        }

        private void UpdateGradientBar(int i, bool wasUpper)
        {
            var isUpper = _status[i] == Bound.Upper;
            if (wasUpper == isUpper)
            {
                return;
            }

            var row = _q.Row(i, _count);
            var sign = wasUpper ? -1.0 : 1.0;
            for (var k = 0; k < _count; k++)
            {
                _gradientBar[k] += sign * UpperBound * row[k];
            }
        }

        /// <summary>WSS 2 of Fan, Chen &amp; Lin (2005). Returns false when optimal within tolerance.</summary>
        private bool SelectWorkingSet(out int outI, out int outJ)
        {
            var gMax = double.NegativeInfinity;
            var gMax2 = double.NegativeInfinity;
            var gMaxIndex = -1;
            var gMinIndex = -1;
            var objectiveDiffMin = double.PositiveInfinity;

            for (var t = 0; t < _activeSize; t++)
            {
                if (_status[t] != Bound.Upper && -_gradient[t] >= gMax)
                {
                    gMax = -_gradient[t];
                    gMaxIndex = t;
                }
            }

            var i = gMaxIndex;
            float[]? rowI = i != -1 ? _q.Row(i, _activeSize) : null;
            for (var j = 0; j < _activeSize; j++)
            {
                if (_status[j] == Bound.Lower)
                {
                    continue;
                }

                var gradientDiff = gMax + _gradient[j];
                if (_gradient[j] >= gMax2)
                {
                    gMax2 = _gradient[j];
                }

                if (gradientDiff > 0)
                {
                    var quadratic = _qd[i] + _qd[j] - 2.0 * rowI![j];
                    var objectiveDiff = quadratic > 0
                        ? -(gradientDiff * gradientDiff) / quadratic
                        : -(gradientDiff * gradientDiff) / Tau;
                    if (objectiveDiff <= objectiveDiffMin)
                    {
                        gMinIndex = j;
                        objectiveDiffMin = objectiveDiff;
                    }
                }
            }

            outI = gMaxIndex;
            outJ = gMinIndex;
            return !(gMax + gMax2 < _eps || gMinIndex == -1);
        }

        private bool CanBeShrunk(int i, double gMax1, double gMax2) => _status[i] switch
        {
            Bound.Upper => -_gradient[i] > gMax1,
            Bound.Lower => _gradient[i] > gMax2,
            _ => false,
        };

        private void Shrink()
        {
            var gMax1 = double.NegativeInfinity;
            var gMax2 = double.NegativeInfinity;
            for (var i = 0; i < _activeSize; i++)
            {
                if (_status[i] != Bound.Upper && -_gradient[i] >= gMax1)
                {
                    gMax1 = -_gradient[i];
                }

                if (_status[i] != Bound.Lower && _gradient[i] >= gMax2)
                {
                    gMax2 = _gradient[i];
                }
            }

            if (!_unshrink && gMax1 + gMax2 <= _eps * 10)
            {
                _unshrink = true;
                ReconstructGradient();
                _activeSize = _count;
            }

            for (var i = 0; i < _activeSize; i++)
            {
                if (!CanBeShrunk(i, gMax1, gMax2))
                {
                    continue;
                }

                _activeSize--;
                while (_activeSize > i)
                {
                    if (!CanBeShrunk(_activeSize, gMax1, gMax2))
                    {
                        SwapIndex(i, _activeSize);
                        break;
                    }

                    _activeSize--;
                }
            }
        }

        private void ReconstructGradient()
        {
            if (_activeSize == _count)
            {
                return;
            }

            for (var j = _activeSize; j < _count; j++)
            {
                _gradient[j] = _gradientBar[j];
            }

            var freeCount = 0;
            for (var j = 0; j < _activeSize; j++)
            {
                if (_status[j] == Bound.Free)
                {
                    freeCount++;
                }
            }

            // Same choice of loop order as libsvm (it changes only the summation order, i.e. rounding).
            if ((long)freeCount * _count > 2L * _activeSize * (_count - _activeSize))
            {
                for (var i = _activeSize; i < _count; i++)
                {
                    var row = _q.Row(i, _activeSize);
                    for (var j = 0; j < _activeSize; j++)
                    {
                        if (_status[j] == Bound.Free)
                        {
                            _gradient[i] += _alpha[j] * row[j];
                        }
                    }
                }
            }
            else
            {
                for (var i = 0; i < _activeSize; i++)
                {
                    if (_status[i] != Bound.Free)
                    {
                        continue;
                    }

                    var row = _q.Row(i, _count);
                    var alphaI = _alpha[i];
                    for (var j = _activeSize; j < _count; j++)
                    {
                        _gradient[j] += alphaI * row[j];
                    }
                }
            }
        }

        private double ComputeRho()
        {
            var freeCount = 0;
            double upper = double.PositiveInfinity, lower = double.NegativeInfinity, freeSum = 0;
            for (var i = 0; i < _activeSize; i++)
            {
                var g = _gradient[i];
                switch (_status[i])
                {
                    case Bound.Upper:
                        lower = Math.Max(lower, g);
                        break;
                    case Bound.Lower:
                        upper = Math.Min(upper, g);
                        break;
                    default:
                        freeCount++;
                        freeSum += g;
                        break;
                }
            }

            if (freeCount > 0)
            {
                return freeSum / freeCount;
            }

            // See remarks: only nu = 1 leaves the interval unbounded above.
            if (double.IsPositiveInfinity(upper))
            {
                return lower;
            }

            return double.IsNegativeInfinity(lower) ? upper : (upper + lower) / 2;
        }

        private void UpdateStatus(int i) =>
            _status[i] = _alpha[i] >= UpperBound ? Bound.Upper : _alpha[i] <= 0 ? Bound.Lower : Bound.Free;

        private void SwapIndex(int i, int j)
        {
            _q.Swap(i, j);
            (_gradient[i], _gradient[j]) = (_gradient[j], _gradient[i]);
            (_status[i], _status[j]) = (_status[j], _status[i]);
            (_alpha[i], _alpha[j]) = (_alpha[j], _alpha[i]);
            (_activeSet[i], _activeSet[j]) = (_activeSet[j], _activeSet[i]);
            (_gradientBar[i], _gradientBar[j]) = (_gradientBar[j], _gradientBar[i]);
        }
    }
}
