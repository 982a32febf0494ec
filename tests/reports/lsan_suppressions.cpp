// Graphviz 2.42 keeps font caches (fontconfig, pango, cairo) for the life of the process and its dot layout
// leaks a few virtual edges of clustered graphs. None of it is ours: when the tests are built with
// IPCSIM_SANITIZE, LeakSanitizer reads this hook and leaves those libraries out of its report.

extern "C" const char *__lsan_default_suppressions() {
  return "leak:libfontconfig.so\n"
         "leak:libpango-1.0.so\n"
         "leak:libpangoft2-1.0.so\n"
         "leak:libpangocairo-1.0.so\n"
         "leak:libcairo.so\n"
         "leak:libglib-2.0.so\n"
         "leak:libgvplugin_pango.so\n"
         "leak:libgvplugin_dot_layout.so\n"
         // the same layout leaks, seen through gvc's allocators when the stack is unwound fast
         "leak:gmalloc\n"
         "leak:grealloc\n";
}
