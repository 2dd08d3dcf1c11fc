#include "application.h"

int main(int argc, char *argv[])
{
    return StudyBench::runApplication(argc, argv);
}
