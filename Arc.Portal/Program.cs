using Arc.Portal;

var app = PortalApp.Build(args);
await PortalApp.RunAsync(app);
