using SyscallBench.Core.Config;

namespace SyscallBench.Core.Detection;

/// <summary>
/// What the registry knows of one detector type: its YAML name, a one-line summary, its options type
/// (parameters, defaults, descriptions), how to build it, how to load a saved fitted model, and what
/// else it offers (capabilities, e.g. a reference loop for `bench`).
/// </summary>
public sealed class DetectorDescriptor
{
    private readonly Func<string, IOptions, IDetector> _create;
    private readonly Func<string, IFittedDetector> _load;

    private readonly IReadOnlyList<object> _capabilities;

    private DetectorDescriptor(string type, string summary, Type optionsType,
        Func<string, IOptions, IDetector> create, Func<string, IFittedDetector> load, DetectorTraits traits, IReadOnlyList<object> capabilities)
    {
        Type = type;
        Summary = summary;
        OptionsType = optionsType;
        _create = create;
        _load = load;
        Traits = traits;
        _capabilities = capabilities;
    }

    public string Type { get; }

    public string Summary { get; }

    public Type OptionsType { get; }

    /// <summary>What the runner needs to know to schedule this detector (see <see cref="DetectorTraits"/>).</summary>
    public DetectorTraits Traits { get; }

    /// <summary>The fitted model and its scores cannot depend on <see cref="FitContext.Seed"/>.</summary>
    public bool IsDeterministic => Traits.HasFlag(DetectorTraits.Deterministic);

    public IReadOnlyList<ParameterDescription> Parameters => OptionsSchema.Describe(OptionsType);

    /// <param name="type">YAML type name, lower case ("stide").</param>
    /// <param name="summary">One line: what it scores, and the paper.</param>
    /// <param name="create">(detector name, validated options) -> untrained detector.</param>
    /// <param name="load">Directory written by <see cref="IFittedDetector.Save"/> -> fitted detector.</param>
    /// <param name="traits">Scheduling facts; the default (none) is the safe one: seed-dependent, one core.</param>
    /// <param name="capabilities">What else the type offers, found by interface with <see cref="Capability{T}"/>
    /// (e.g. <see cref="Benchmarking.IReferenceLoopBenchmark"/>), so code outside the detector's project never tests for its types.</param>
    public static DetectorDescriptor Create<TOptions>(string type, string summary,
        Func<string, TOptions, IDetector> create, Func<string, IFittedDetector> load, DetectorTraits traits = DetectorTraits.None,
        IReadOnlyList<object>? capabilities = null)
        where TOptions : class, IOptions, new() =>
        new(type, summary, typeof(TOptions), (name, options) => create(name, (TOptions)options), load, traits, capabilities ?? []);

    public IDetector Create(string name, IOptions options) => _create(name, options);

    /// <summary>
    /// Loads a saved model of this type. A model folder is outside input, and a changed or cut file in it
    /// must give a message naming the folder, never a crash: each type's loader checks what it reads (its
    /// options with the YAML's validation), and what a library throws on bytes it cannot read (a cut zip, a
    /// weights file of another shape) becomes such a message here.
    /// </summary>
    /// <exception cref="SyscallBenchException">The folder is not a readable saved model of this type.</exception>
    public IFittedDetector Load(string directory)
    {
        try
        {
            return _load(directory);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException or FormatException or EndOfStreamException
                                       or OverflowException or ArgumentException or IndexOutOfRangeException
                                       or KeyNotFoundException or InvalidOperationException or NotSupportedException
                                       or System.Runtime.InteropServices.ExternalException
                                       or System.Reflection.TargetInvocationException)
        {
            // ML.NET wraps what its model loader throws in a TargetInvocationException: name the cause.
            var cause = e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e;
            throw new SyscallBenchException($"{directory}: the saved {Type} model cannot be read, a file in it was changed or cut "
                + $"short ({cause.GetType().Name}: {cause.Message.Split('\n')[0].Trim()}); fit it again.", e);
        }
    }

    /// <summary>The capability of type <typeparamref name="T"/> this detector type offers, or null.</summary>
    public T? Capability<T>()
        where T : class => _capabilities.OfType<T>().FirstOrDefault();
}
