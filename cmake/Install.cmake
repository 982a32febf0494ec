# `cmake --install BUILD [--prefix P]`: the binary, its man page, the documentation and the bash completion.
include(GNUInstallDirs)
install(TARGETS ipcsim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
configure_file(dist/ipcsim.1.in ${PROJECT_BINARY_DIR}/ipcsim.1 @ONLY) # with the version of project()
install(FILES ${PROJECT_BINARY_DIR}/ipcsim.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# docs/ beside README.md, as in the source tree, so that the README's links and pictures work.
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES dist/ipcsim.bash-completion DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME ipcsim)
