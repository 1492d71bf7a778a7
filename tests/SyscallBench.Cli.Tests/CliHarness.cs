using Spectre.Console;

namespace SyscallBench.Cli.Tests;

/// <summary>
/// Runs the CLI in-process and captures what it prints. AnsiConsole is process-wide, so every test that
/// uses this harness is in the non-parallel "Cli" collection.
/// </summary>
internal static class CliHarness
{
    private static readonly object Gate = new();

    public static (int ExitCode, string Output) Run(params string[] args)
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
            System.Console.SetOut(writer);
            try
            {
                var exitCode = CliApp.Run(args);
                return (exitCode, writer.ToString());
            }
            finally
            {
                System.Console.SetOut(previousOut);
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
