using Arc.Portal;

if (PortalCommands.IsCommand(args))
    return await PortalCommands.RunAsync(args, Console.Out);

var app = PortalApp.Build(args);
await PortalApp.RunAsync(app);
return 0;
