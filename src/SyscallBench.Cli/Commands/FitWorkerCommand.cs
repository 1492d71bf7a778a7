using System.ComponentModel;
using System.Reflection;
using Spectre.Console.Cli;
using SyscallBench.Core.Running.Workers;

namespace SyscallBench.Cli.Commands;

/// <summary>
/// `fit-worker FOLDER` (hidden): fits one unit of a run in this process, for a run that started it (see
/// <see cref="FitWorkerProcess"/>). Not for people: the folder and the lines it prints are a protocol.
/// </summary>
public sealed class FitWorkerCommand : Command<FitWorkerCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FOLDER>")]
        [Description("A fit request written by a run.")]
        public string Folder { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // The run holds our standard input open and never writes to it: end of input means the run is gone (killed
        // outright, without the chance to stop us or remove the request), and a fit nobody will read must not go
        // on using the cores, nor its request stay in the temporary folder.
        new Thread(() =>
        {
            System.Console.In.ReadToEnd();
            if (FitWorkerRequest.DeleteAbandoned(settings.Folder) is { } problem)
            {
                System.Console.Error.WriteLine($"warning: the run is gone; {problem}");
            }

            Environment.Exit(CliApp.ExitUserError);
        }) { IsBackground = true, Name = "run watcher" }.Start();
        FitWorker.Execute(settings.Folder, DetectorCatalog.ConfigReader(), System.Console.Out, cancellationToken);
        return CliApp.ExitOk;
    }

    /// <summary>
    /// Workers that start this very program again, or null when it is not the syscallbench program (a test
    /// host calling the CLI's code in its own process): then every unit is fitted in the run's process.
    /// </summary>
    public static FitWorkerProcess? ForThisProgram()
    {
        var entry = Assembly.GetEntryAssembly();
        if (entry?.GetName().Name != "syscallbench" || Environment.ProcessPath is not { } program)
        {
            return null;
        }

        // `dotnet syscallbench.dll` runs in the dotnet host; `dotnet run` and the apphost run the program itself.
        var viaHost = Path.GetFileNameWithoutExtension(program).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return new FitWorkerProcess(DetectorCatalog.Detectors, program, viaHost ? [entry.Location] : []);
    }
}
