// Entry point of `dotnet run` from the repository root; the commands live in src/SyscallBench.Cli.
return SyscallBench.Cli.CliApp.Run(args);
