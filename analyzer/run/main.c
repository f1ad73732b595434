/* main.c — the preflight command. */
#include "cli.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
