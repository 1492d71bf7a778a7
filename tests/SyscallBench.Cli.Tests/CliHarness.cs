using Spectre.Console;

namespace SyscallBench.Cli.Tests;

/// <summary>
/// Runs the CLI in-process and captures what it prints. AnsiConsole is process-wide, so every test that
/// uses this harness is in the non-parallel "Cli" collection.
/// </summary>
internal static class CliHarness
{
    private static readonly object Gate = new();

    /// <summary>What the last run wrote to standard error.</summary>
    public static StringWriter Error { get; } = new();

    public static (int ExitCode, string Output) Run(params string[] args) => RunWithInput("", args);

    /// <summary>Runs the CLI with <paramref name="standardInput"/> as its standard input; standard error is captured too.</summary>
    public static (int ExitCode, string Output) RunWithInput(string standardInput, params string[] args) =>
        RunWithInput(new StringReader(standardInput), CancellationToken.None, args);

    /// <summary>Runs the CLI reading <paramref name="standardInput"/>; cancelling <paramref name="interrupt"/> acts as a first Ctrl-C.</summary>
    public static (int ExitCode, string Output) RunWithInput(TextReader standardInput, CancellationToken interrupt, params string[] args)
    {
        lock (Gate)
        {
            var previous = AnsiConsole.Console;
            var writer = new StringWriter();
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
            // Wide enough that tables never wrap a name the tests look for.
            AnsiConsole.Console.Profile.Width = 240;
            var previousOut = System.Console.Out;
            var previousIn = System.Console.In;
            var previousError = System.Console.Error;
            var previousOpen = Console.StandardInput.Open;
            System.Console.SetOut(writer);
            System.Console.SetIn(standardInput);
            Console.StandardInput.Open = () => new TextReaderStream(standardInput);
            System.Console.SetError(Error);
            Error.GetStringBuilder().Clear();
            try
            {
                var exitCode = CliApp.Run(args, interrupt);
                return (exitCode, writer.ToString());
            }
            finally
            {
                System.Console.SetOut(previousOut);
                System.Console.SetIn(previousIn);
                Console.StandardInput.Open = previousOpen;
                System.Console.SetError(previousError);
                AnsiConsole.Console = previous;
            }
        }
    }

    /// <summary>The repository root (the folder holding Experiments.sln), found from the test's folder.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Experiments.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"No Experiments.sln above {AppContext.BaseDirectory}.");
        }
    }

    public static string Experiment(string name) => Path.Combine(RepositoryRoot, "experiments", name);
}

[CollectionDefinition("Cli", DisableParallelization = true)]
public sealed class CliCollection;
